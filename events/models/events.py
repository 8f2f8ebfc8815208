from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized
from consortium.files import RandomName, name_for_download, remember_original_name
from consortium.link_secrets import looks_like_secret, new_secret
from consortium.uploads import validate_document
from events.attendance import attendance_of
from events.markup import render_markdown
from events.models.checkins import CheckIn, check_in_count
from events.models.publishing import SLUG_HELP, BilingualTitleMixin
from events.tokens import MANAGE_GRACE, manage_url
from members.access import receives_members_only_news, sees_staff_only


def validate_time_zone(name):
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValidationError(
            _("“%(name)s” is not a time zone name such as Asia/Tokyo or Europe/Paris."), params={"name": name}
        ) from error


# Addresses under events/ that are pages of their own, not events.
RESERVED_EVENT_SLUGS = {"past", "calendar", "registration"}


def validate_event_slug(slug):
    if slug in RESERVED_EVENT_SLUGS:
        raise ValidationError(_("“%(slug)s” is used by another page; choose another address."), params={"slug": slug})


class EventQuerySet(models.QuerySet):
    def announced(self):
        """Events the public may see: published ones, and those cancelled after being announced."""
        return self.filter(status__in=[Event.Status.PUBLISHED, Event.Status.CANCELLED])

    def upcoming(self, now=None):
        return self.announced().filter(ends_at__gte=now or timezone.now()).order_by("starts_at", "pk")

    def past(self, now=None):
        return self.announced().filter(ends_at__lt=now or timezone.now()).order_by("-starts_at", "-pk")

    def held(self, now=None):
        """Announced events that took place and are over, in order; cancelled ones were not held."""
        return self.past(now).exclude(status=Event.Status.CANCELLED).order_by("starts_at", "pk")

    def previewable_by(self, user):
        """Staff may open drafts as a preview; everyone else sees announced events."""
        return self.all() if sees_staff_only(user) else self.announced()

    def told_to(self, user):
        """The events ``user`` (None for a member of the public) is told of by e-mail: members-only ones
        only while the access rule counts them as a member."""
        return self if receives_members_only_news(user) else self.filter(audience=Event.Audience.PUBLIC)

    def with_confirmed_count(self):
        return self.annotate(
            confirmed_count=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
        )

    def with_attendance(self):
        """The counts of check-ins that ``Event.attendance_figures`` reads, in the same query."""
        return self.annotate(
            in_person_check_ins=check_in_count(CheckIn.Mode.IN_PERSON),
            online_check_ins=check_in_count(CheckIn.Mode.ONLINE),
        )


class Event(BilingualTitleMixin, models.Model):
    """A symposium, seminar, workshop or briefing, at a place and time in its own time zone."""

    class Kind(models.TextChoices):
        SYMPOSIUM = "symposium", _("symposium")
        SEMINAR = "seminar", _("research seminar")
        WORKSHOP = "workshop", _("workshop")
        BRIEFING = "briefing", _("briefing")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")
        CANCELLED = "cancelled", _("cancelled")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("open to the public")
        MEMBERS = "members", _("members only")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("in person and online")

    slug = models.SlugField(
        _("address (slug)"), max_length=120, unique=True, validators=[validate_event_slug], help_text=SLUG_HELP
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.DRAFT)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.PUBLIC)
    format = models.CharField(_("format"), max_length=16, choices=Format.choices, default=Format.IN_PERSON)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    summary_ja = models.CharField(
        _("summary (Japanese)"), max_length=300, blank=True, help_text=_("One or two sentences for lists.")
    )
    summary_en = models.CharField(_("summary (English)"), max_length=300, blank=True)
    description_ja = models.TextField(_("description (Japanese)"), blank=True, help_text=_("Markdown."))
    description_en = models.TextField(_("description (English)"), blank=True, help_text=_("Markdown."))
    programme_ja = models.TextField(_("programme (Japanese)"), blank=True, help_text=_("Markdown."))
    programme_en = models.TextField(_("programme (English)"), blank=True, help_text=_("Markdown."))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default="Asia/Tokyo",
        validators=[validate_time_zone],
        help_text=_("Where the event takes place, e.g. Asia/Tokyo or Europe/Paris. Times are shown in this zone."),
    )
    venue_name_ja = models.CharField(_("venue (Japanese)"), max_length=200, blank=True)
    venue_name_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    venue_address_ja = models.CharField(_("address (Japanese)"), max_length=300, blank=True)
    venue_address_en = models.CharField(_("address (English)"), max_length=300, blank=True)
    map_url = models.URLField(_("map link"), blank=True)
    online_url = models.URLField(
        _("online meeting link"), blank=True, help_text=_("Shown only to confirmed registrants.")
    )
    co_organisers = models.ManyToManyField(
        "members.Organization", verbose_name=_("co-organisers"), blank=True, related_name="co_organised_events"
    )
    countries = models.ManyToManyField(
        "consortium.Country",
        verbose_name=_("countries"),
        blank=True,
        related_name="events",
        help_text=_("The countries the event is about; it is listed on their country pages."),
    )
    topics = models.ManyToManyField(
        "experts.Specialty",
        verbose_name=_("topics"),
        blank=True,
        related_name="events",
        help_text=_("The fields of the experts' vocabulary it concerns; subscribers to a topic hear of it."),
    )
    takes_registrations = models.BooleanField(_("takes registrations"), default=True)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit. Beyond it, a waiting list.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    attendance = models.PositiveIntegerField(
        _("attendance"),
        null=True,
        blank=True,
        help_text=_("Empty: the check-ins in person plus the online attendance. Fill in to replace that count."),
    )
    online_attendance = models.PositiveIntegerField(
        _("online attendance"),
        null=True,
        blank=True,
        help_text=_("E.g. from the streaming service's report. Empty: those checked in as online in the list."),
    )
    report_ja = models.TextField(_("report (Japanese)"), blank=True, help_text=_("Markdown, after the event."))
    report_en = models.TextField(_("report (English)"), blank=True, help_text=_("Markdown, after the event."))
    # The iCalendar SEQUENCE: moved on whenever the date, place, link or status changes (events.changes),
    # so that a calendar replaces the entry it holds rather than keep the old one.
    calendar_sequence = models.PositiveIntegerField(_("calendar revision"), default=0, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(m2m_fields=["co_organisers", "countries", "topics"])

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(title_ja="", title_en=""), name="event_has_a_title"),
            models.CheckConstraint(condition=Q(ends_at__gte=F("starts_at")), name="event_ends_after_start"),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
            ),
            # A capacity of nought would send everyone to the waiting list.
            models.CheckConstraint(
                condition=Q(capacity__isnull=True) | Q(capacity__gte=1), name="event_capacity_positive"
            ),
        ]
        indexes = [
            # The upcoming and past lists and the calendar feed: announced events by date.
            models.Index(fields=["status", "ends_at", "starts_at"], name="event_listing_idx"),
        ]

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    @property
    def zone(self):
        return ZoneInfo(self.time_zone)

    @property
    def is_members_only(self):
        return self.audience == self.Audience.MEMBERS

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_online(self):
        return self.format in (self.Format.ONLINE, self.Format.HYBRID)

    @property
    def has_venue(self):
        return self.format in (self.Format.IN_PERSON, self.Format.HYBRID)

    def has_ended(self, now=None):
        return self.ends_at < (now or timezone.now())

    def registration_closes(self):
        return self.registration_closes_at or self.starts_at

    def registration_is_open(self, now=None):
        now = now or timezone.now()
        return (
            self.status == self.Status.PUBLISHED
            and self.takes_registrations
            and (self.registration_opens_at is None or self.registration_opens_at <= now)
            and now < self.registration_closes()
        )

    def description_html(self):
        return render_markdown(localized(self, "description").text)

    def programme_html(self):
        return render_markdown(localized(self, "programme").text)

    def report_html(self):
        return render_markdown(localized(self, "report").text)

    @cached_property
    def attendance_figures(self):
        """The attendance by the rule of ``events.attendance``."""
        return attendance_of(self)


class Speaker(models.Model):
    """A speaker, panellist or moderator on an event's programme."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="speakers")
    name_ja = models.CharField(_("name (Japanese)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    affiliation_ja = models.CharField(_("affiliation (Japanese)"), max_length=200, blank=True)
    affiliation_en = models.CharField(_("affiliation (English)"), max_length=200, blank=True)
    role_ja = models.CharField(_("talk or role (Japanese)"), max_length=200, blank=True)
    role_en = models.CharField(_("talk or role (English)"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["event", "order", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(name_ja="", name_en=""), name="speaker_has_a_name"),
        ]

    def __str__(self):
        return localized(self, "name").text


class Material(models.Model):
    """Slides, a report or a recording published on the event's page afterwards."""

    class Kind(models.TextChoices):
        SLIDES = "slides", _("slides")
        REPORT = "report", _("report")
        RECORDING = "recording", _("recording")
        OTHER = "other", _("other")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SLIDES)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    file = models.FileField(
        _("file"), upload_to=RandomName("events/materials"), blank=True, validators=[validate_document]
    )
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False, help_text=_("Used as the download name.")
    )
    url = models.URLField(_("address"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        ordering = ["event", "order", "pk"]
        constraints = [
            # A file or an address: one with neither leads nowhere.
            models.CheckConstraint(condition=~Q(file="", url=""), name="event_material_file_or_url"),
            models.CheckConstraint(condition=~Q(title_ja="", title_en=""), name="event_material_has_a_title"),
        ]

    def __str__(self):
        return localized(self, "title").text

    def save(self, *args, **kwargs):
        remember_original_name(self, "file")
        super().save(*args, **kwargs)

    @property
    def href(self):
        """Where the material's link leads: the portal's guarded download, or the address given."""
        return reverse("files:event_material", args=[self.pk]) if self.file else self.url

    @property
    def download_name(self):
        return name_for_download(self.file, self.original_name)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=Registration.Status.CANCELLED)

    def confirmed(self):
        return self.filter(status=Registration.Status.CONFIRMED)

    def checked_in(self):
        """The registrations whose holder attended: checked in at the door or marked present online by staff.

        The one test of attendance (the attendance counts, the certificates): a check-in is made once, for a
        confirmed registration only (``events.checkins``)."""
        return self.filter(check_in__isnull=False)

    def waitlisted(self):
        """The waiting list, first come first served."""
        return self.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")

    def for_manage_key(self, key):
        """The registration a manage link opens, or None when its key is unknown or was renewed."""
        if not looks_like_secret(key):
            return None
        return self.select_related("event").filter(manage_key=key).first()


class Registration(models.Model):
    """A place at an event, or on its waiting list: a signed-in user's, or a confirmed e-mail address's."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    affiliation = models.CharField(_("affiliation"), max_length=200, blank=True)
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("Language of the e-mails sent to this person."),
    )
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)
    promoted_at = models.DateTimeField(_("moved up from the waiting list"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # The secret in the registrant's manage link; a new one revokes the links already sent.
    manage_key = models.CharField(_("key of the manage link"), max_length=64, default=new_secret, editable=False)
    # A public registrant's consent to the privacy policy and terms of use (members.consents); members gave
    # theirs at sign-up.
    consent = models.ForeignKey(
        "members.Consent",
        verbose_name=_("consent"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Set when the name, address and affiliation were removed (events.personal_data): after the retention
    # period, or when the registrant closed their account. The registration still counts.
    personal_data_removed_at = models.DateTimeField(_("personal data removed"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["manage_key"])

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["event", "created_at", "pk"]
        constraints = [
            # One place (or waiting-list entry) per address and event; cancelling frees it to register again.
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=~Q(status="cancelled"),
                name="registration_one_active_per_email",
            ),
            # Opening a manage link: its key finds exactly one registration.
            models.UniqueConstraint(fields=["manage_key"], name="registration_manage_key_unique"),
        ]
        indexes = [
            # Counting confirmed places and reading the waiting list in order, under the event's lock.
            models.Index(fields=["event", "status", "created_at"], name="registration_event_status_idx"),
            # The reminder command: confirmed registrations not yet reminded.
            models.Index(
                fields=["event"], name="registration_unreminded_idx", condition=Q(reminder_sent_at__isnull=True)
            ),
        ]

    def __str__(self):
        return f"{self.name} <{self.email}> – {self.event}"

    def get_absolute_url(self):
        return manage_url(self)

    def renew_manage_key(self):
        """Revoke the manage links sent so far; the caller saves ``manage_key``."""
        self.manage_key = new_secret()

    @property
    def is_checked_in(self):
        """``checked_in()`` for one registration; read with ``select_related("check_in")`` in lists."""
        return hasattr(self, "check_in")

    def manage_link_has_expired(self, now=None):
        return self.event.ends_at + MANAGE_GRACE < (now or timezone.now())
