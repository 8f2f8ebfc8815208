from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import BilingualNameMixin, localized
from consortium.link_secrets import new_secret


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class StaffFlagHistory(HistoricalRecords):
    """History of who may do what: a user's address, active and staff flags, groups and permissions.

    Nothing else is kept (never a password hash), and a save that touches only
    other fields, such as the time of the last sign-in, leaves no entry.
    """

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not set(update_fields) - set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    """A person who signs in. The e-mail address is the login."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ja",
        help_text=_("Language of the e-mails the portal sends to this person."),
    )
    # Counts changes to the second factors; part of the session hash, so a change signs out other sessions.
    factors_version = models.PositiveIntegerField(_("second factor changes"), default=0, editable=False)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()
    history = StaffFlagHistory(
        excluded_fields=[
            "password",
            "last_login",
            "first_name",
            "last_name",
            "date_joined",
            "language",
            "factors_version",
        ],
        m2m_fields=["groups", "user_permissions"],
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Sign-in matches addresses case-insensitively, so no two may differ only in case.
            models.UniqueConstraint(Lower("email"), name="members_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_session_auth_hash(self):
        """Sessions end when the password changes (Django) and when the second factors change."""
        return self._session_auth_hash()

    def get_session_auth_fallback_hash(self):
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_auth_hash(fallback_secret)

    def _session_auth_hash(self, secret=None):
        # Until the first change of factors the hash is Django's own, so existing sessions survive this rule.
        password_hash = self._get_session_auth_hash(secret=secret)
        if not self.factors_version:
            return password_hash
        return salted_hmac(
            "members.User.factors_version",
            f"{password_hash}:{self.factors_version}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()


class OrganizationQuerySet(models.QuerySet):
    def listed(self):
        """Organisations the portal may name to anyone, as the sign-up page's choice does.

        An organisation is listed when it is a member (an active membership),
        co-organises an announced event, or appears on an expert or project
        record that members see. One known only from staff-only records is not.
        """
        from consortium.visibility import Visibility
        from events.models import Event
        from experts.models import Expert
        from projects.models import CooperationProject

        here = OuterRef("pk")
        seen_by_members = Visibility.MEMBERS
        return self.filter(
            Exists(Membership.objects.filter(organization=here, status=Membership.Status.ACTIVE))
            | Exists(Event.objects.announced().filter(co_organisers=here))
            | Exists(Expert.objects.filter(organization=here, visibility=seen_by_members))
            | Exists(
                CooperationProject.objects.filter(
                    Q(lead_organization=here) | Q(partners=here), visibility=seen_by_members
                )
            )
        )


class Organization(BilingualNameMixin, models.Model):
    """A university, institute, public body or other organisation: a member, a lead or a partner."""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", _("university")
        RESEARCH_INSTITUTE = "research_institute", _("research institute")
        PUBLIC_BODY = "public_body", _("public body")
        COOPERATION_AGENCY = "cooperation_agency", _("cooperation agency")
        NGO = "ngo", _("NGO/NPO")
        FOUNDATION = "foundation", _("foundation")
        COMPANY = "company", _("company")
        OTHER = "other", _("other")

    name_ja = models.CharField(_("name (Japanese)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    country = models.ForeignKey(
        "consortium.Country", verbose_name=_("country"), on_delete=models.PROTECT, null=True, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name_en", "name_ja"]
        constraints = [
            # An organisation is always known by at least one name.
            models.CheckConstraint(
                condition=~models.Q(name_ja="", name_en=""),
                name="organization_has_a_name",
                violation_error_message=_("Give the name in Japanese or in English."),
            ),
        ]
        indexes = [
            # The facet "organisation kind" on the expert search.
            models.Index(fields=["kind"], name="organization_kind_idx"),
        ]


class SubCommittee(BilingualNameMixin, models.Model):
    """A regional or thematic sub-committee that members may join."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_ja = models.CharField(_("name (Japanese)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    region = models.ForeignKey(
        "consortium.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"scheme": "subcommittee"},
    )
    description_ja = models.TextField(_("description (Japanese)"), blank=True)
    description_en = models.TextField(_("description (English)"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sub-committee")
        verbose_name_plural = _("sub-committees")
        ordering = ["order", "code"]


class Membership(models.Model):
    """A person's membership of the consortium, from application to withdrawal."""

    class Kind(models.TextChoices):
        INDIVIDUAL = "individual", _("individual")
        ORGANISATIONAL = "organisational", _("organisational")

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        ACTIVE = "active", _("active")
        SUSPENDED = "suspended", _("suspended")
        WITHDRAWN = "withdrawn", _("withdrawn")
        REJECTED = "rejected", _("rejected")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.INDIVIDUAL)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
    )
    organization_name = models.CharField(
        _("organisation as typed"),
        max_length=200,
        blank=True,
        help_text=_("The applicant's own words, when the organisation was not in the list."),
    )
    subcommittees = models.ManyToManyField(
        SubCommittee, verbose_name=_("sub-committees"), blank=True, related_name="memberships"
    )
    statement = models.TextField(_("statement"), blank=True)
    news_opt_in = models.BooleanField(_("receives the e-mail news"), default=True)
    # The secret in the e-mail news' unsubscribe links; a new one revokes the links sent so far.
    news_unsubscribe_key = models.CharField(
        _("key of the unsubscribe links"), max_length=64, default=new_secret, editable=False
    )
    applied_at = models.DateTimeField(_("applied"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_note = models.TextField(_("message to the applicant"), blank=True)
    leaving_note = models.TextField(
        _("reason given on leaving"), blank=True, help_text=_("What the member wrote when they withdrew themselves.")
    )
    # Set when the applicant has verified their address and the application was announced (to them and
    # the secretariat), so each announcement goes once; cleared when a former member applies again.
    secretariat_notified_at = models.DateTimeField(_("secretariat notified"), null=True, blank=True, editable=False)
    # A secret has no place in the history.
    history = HistoricalRecords(excluded_fields=["news_unsubscribe_key"])

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-applied_at"]
        indexes = [
            # The admin's list of applications waiting for a decision, newest first.
            models.Index(fields=["status", "-applied_at"], name="membership_status_idx"),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("admin:members_membership_change", args=[self.pk])

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE


class ApplicationDigest(models.Model):
    """The day's digest of applications waiting too long, sent to the secretariat: one row per day sent."""

    day = models.DateField(_("day"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    applications = models.PositiveIntegerField(_("applications listed"))

    class Meta:
        verbose_name = _("digest of waiting applications")
        verbose_name_plural = _("digests of waiting applications")
        ordering = ["-day"]
        constraints = [
            # At most one digest a day, however often (or however concurrently) the reminder command runs.
            models.UniqueConstraint(fields=["day"], name="applicationdigest_once_a_day"),
        ]

    def __str__(self):
        return str(self.day)


class NewsIssue(models.Model):
    """An issue of the members' e-mail news, written in both languages."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        QUEUED = "queued", _("queued for sending")
        SENT = "sent", _("sent")

    subject_ja = models.CharField(_("subject (Japanese)"), max_length=200)
    subject_en = models.CharField(_("subject (English)"), max_length=200)
    body_ja = models.TextField(_("text (Japanese)"), help_text=_("Plain text, as it appears in the e-mail."))
    body_en = models.TextField(_("text (English)"), help_text=_("Plain text, as it appears in the e-mail."))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    queued_at = models.DateTimeField(_("queued"), null=True, blank=True)
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("e-mail news issue")
        verbose_name_plural = _("e-mail news issues")
        ordering = ["-created_at"]
        indexes = [
            # The sending command's look-up of issues waiting to go out.
            models.Index(fields=["status", "queued_at"], name="newsissue_status_idx"),
        ]

    def __str__(self):
        return localized(self, "subject").text

    def get_absolute_url(self):
        return reverse("admin:members_newsissue_change", args=[self.pk])


class NewsDelivery(models.Model):
    """One issue to one person: the row that makes sending an issue twice send nothing twice."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")

    issue = models.ForeignKey(NewsIssue, verbose_name=_("issue"), on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail news delivery")
        verbose_name_plural = _("e-mail news deliveries")
        constraints = [
            # Each person receives an issue at most once, however often sending is started.
            models.UniqueConstraint(fields=["issue", "user"], name="newsdelivery_once_per_recipient"),
        ]
        indexes = [
            # The sending command's batches: the pending deliveries of one issue.
            models.Index(fields=["issue", "status"], name="newsdelivery_issue_status_idx"),
        ]

    def __str__(self):
        return f"{self.issue} → {self.email}"
