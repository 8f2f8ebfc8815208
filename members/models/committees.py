"""The consortium's committees: the planning committee, the regional sub-committees and working groups;
who sits on them, who asked to join or leave, and the meetings they hold with their papers.

The consortium's general meetings are meetings too, of no committee.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, localized
from consortium.files import RandomName, name_for_download, remember_original_name
from consortium.models import Country
from consortium.uploads import validate_document
from members.access import MeetingPapersQuerySet


class Committee(BilingualNameMixin, models.Model):
    """The planning committee, a regional sub-committee or a working group."""

    class Kind(models.TextChoices):
        PLANNING = "planning", _("planning committee")
        REGIONAL = "regional", _("regional sub-committee")
        WORKING_GROUP = "working_group", _("working group")

    code = models.SlugField(_("code"), max_length=40, unique=True, help_text=_("The last part of its address."))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.REGIONAL)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    region = models.ForeignKey(
        "consortium.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"scheme": "subcommittee"},
        help_text=_("The sub-committee region whose countries it covers."),
    )
    countries = models.ManyToManyField(
        "consortium.Country",
        verbose_name=_("further countries"),
        blank=True,
        related_name="+",
        help_text=_("Countries it covers besides those of its region (a working group's, for example)."),
    )
    description_ja = models.TextField(_("remit (Japanese)"), blank=True)
    description_en = models.TextField(_("remit (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords(m2m_fields=[countries])

    class Meta:
        verbose_name = _("committee")
        verbose_name_plural = _("committees")
        ordering = ["order", "code"]

    def get_absolute_url(self):
        return reverse("committees:detail", kwargs={"code": self.code})

    def covered_countries(self):
        """The countries it covers: its region's and the further ones."""
        covered = Q(pk__in=self.countries.values("pk"))
        if self.region_id:
            covered |= Q(subcommittee_region=self.region_id)
        return Country.objects.filter(covered)


class CommitteeSeat(models.Model):
    """A person on a committee's roster, kept by staff."""

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice-chair")
        MEMBER = "member", _("member")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="seats"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="committee_seats"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("since"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee seat")
        verbose_name_plural = _("committee seats")
        ordering = ["committee", "role", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["committee", "user"], name="committeeseat_once_per_person"),
        ]

    def __str__(self):
        return f"{self.committee}: {self.user} ({self.get_role_display()})"


class CommitteeRequest(models.Model):
    """A member's request to join or to leave a committee, which staff decide."""

    class Action(models.TextChoices):
        JOIN = "join", _("join")
        LEAVE = "leave", _("leave")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for a decision")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn by the member")

    committee = models.ForeignKey(
        Committee, verbose_name=_("committee"), on_delete=models.CASCADE, related_name="requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="committee_requests"
    )
    action = models.CharField(_("request"), max_length=8, choices=Action.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PENDING)
    message = models.TextField(_("message from the member"), blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request to join or leave a committee")
        verbose_name_plural = _("requests to join or leave committees")
        ordering = ["-created_at"]
        constraints = [
            # One open request per person and committee: a second click adds nothing.
            models.UniqueConstraint(
                fields=["committee", "user"],
                condition=Q(status="pending"),
                name="committeerequest_one_pending",
            ),
        ]
        indexes = [
            # The admin's list of requests waiting for a decision.
            models.Index(fields=["status", "-created_at"], name="committeerequest_status_idx"),
        ]

    def __str__(self):
        return f"{self.user}: {self.get_action_display()} {self.committee}"


class MeetingQuerySet(MeetingPapersQuerySet):
    def upcoming(self, today=None):
        return self.filter(held_on__gte=today or timezone.localdate()).order_by("held_on", "pk")

    def past(self, today=None):
        return self.filter(held_on__lt=today or timezone.localdate()).order_by("-held_on", "pk")


class Meeting(models.Model):
    """A meeting of a committee, or a general meeting of the consortium (of no committee).

    The public sees that it is held and when; its agenda, minutes and files are for
    the ``audience`` staff choose.
    """

    class Kind(models.TextChoices):
        GENERAL = "general", _("general meeting")
        COMMITTEE = "committee", _("committee meeting")

    class Audience(models.TextChoices):
        COMMITTEE = "committee", _("members of the committee")
        MEMBERS = "members", _("all members")
        STAFF = "staff", _("staff only")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.COMMITTEE)
    committee = models.ForeignKey(
        Committee,
        verbose_name=_("committee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    held_on = models.DateField(_("date"))
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    venue_ja = models.CharField(_("venue (Japanese)"), max_length=200, blank=True)
    venue_en = models.CharField(_("venue (English)"), max_length=200, blank=True)
    audience = models.CharField(
        _("agenda, minutes and files for"), max_length=12, choices=Audience.choices, default=Audience.COMMITTEE
    )
    agenda_ja = models.TextField(_("agenda (Japanese)"), blank=True)
    agenda_en = models.TextField(_("agenda (English)"), blank=True)
    minutes_ja = models.TextField(_("minutes (Japanese)"), blank=True)
    minutes_en = models.TextField(_("minutes (English)"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-held_on", "pk"]
        constraints = [
            # A committee meeting has its committee; a general meeting has none.
            models.CheckConstraint(
                condition=Q(kind="general", committee=None) | (Q(kind="committee") & ~Q(committee=None)),
                name="meeting_committee_matches_kind",
                violation_error_message=_("A committee meeting needs its committee; a general meeting has none."),
            ),
            # A general meeting has no committee whose members it could be for.
            models.CheckConstraint(
                condition=~Q(kind="general", audience="committee"),
                name="meeting_general_not_for_a_committee",
                violation_error_message=_("The papers of a general meeting are for all members or for staff."),
            ),
        ]
        indexes = [
            # The activity report's meetings of a fiscal year.
            models.Index(fields=["held_on"], name="meeting_held_on_idx"),
        ]

    def __str__(self):
        title = localized(self, "title").text
        body = self.committee.name if self.committee_id else self.get_kind_display()
        return f"{body} {self.held_on:%Y-%m-%d}" + (f" {title}" if title else "")

    def get_absolute_url(self):
        if self.committee_id:
            return f"{self.committee.get_absolute_url()}#meeting-{self.pk}"
        return f"{reverse('committees:list')}#meeting-{self.pk}"


class MeetingFile(models.Model):
    """An agenda, minutes or other material of a meeting, for the meeting's audience."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", _("agenda")
        MINUTES = "minutes", _("minutes")
        MATERIAL = "material", _("material")

    meeting = models.ForeignKey(Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.MATERIAL)
    title_ja = models.CharField(_("title (Japanese)"), max_length=200, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=RandomName("meetings"), validators=[validate_document])
    original_name = models.CharField(
        _("original file name"), max_length=255, blank=True, editable=False, help_text=_("Used as the download name.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting file")
        verbose_name_plural = _("meeting files")
        ordering = ["meeting", "order", "pk"]

    def __str__(self):
        return localized(self, "title").text or self.original_name or self.file.name

    def save(self, *args, **kwargs):
        remember_original_name(self, "file")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("files:meeting_file", kwargs={"pk": self.pk})

    @property
    def download_name(self):
        return name_for_download(self.file, self.original_name)
