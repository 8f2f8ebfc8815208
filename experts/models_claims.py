"""How an expert who is a member comes to keep a record: claiming one that exists, or asking for one.

What each step does is in ``experts.claims``; these are the requests it files and staff decide.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from consortium.visibility import Visibility


class Decision(models.TextChoices):
    PENDING = "pending", _("waiting for a decision")
    ACCEPTED = "accepted", _("accepted")
    DECLINED = "declined", _("declined")
    WITHDRAWN = "withdrawn", _("withdrawn by the member")


class DecidedRequest(models.Model):
    """What a claim and a request for a record share: what became of it, who decided and when.
    Each names its member (``user``) with a related name of its own."""

    Status = Decision

    message = models.TextField(_("message from the member"), blank=True, max_length=2000)
    status = models.CharField(_("status"), max_length=12, choices=Decision.choices, default=Decision.PENDING)
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
    decision_note = models.TextField(
        _("message to the member"),
        blank=True,
        help_text=_("Sent to the member with the decision: write it before accepting or declining."),
    )

    class Meta:
        abstract = True

    @property
    def is_pending(self):
        return self.status == Decision.PENDING


class ExpertClaim(DecidedRequest):
    """A member's claim that an expert record is theirs.

    Made at once when the record's e-mail address is one the member has verified; otherwise it waits
    for staff, who accept (linking the record to the member) or decline.
    """

    class Method(models.TextChoices):
        VERIFIED_EMAIL = "email", _("matched by a verified e-mail address")
        STAFF = "staff", _("decided by staff")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("member"), on_delete=models.CASCADE, related_name="expert_claims"
    )
    expert = models.ForeignKey(
        "experts.Expert", verbose_name=_("expert record"), on_delete=models.CASCADE, related_name="claims"
    )
    method = models.CharField(_("how it is decided"), max_length=8, choices=Method.choices, default=Method.STAFF)
    matched_email = models.EmailField(_("matching verified address"), blank=True)

    class Meta:
        verbose_name = _("claim of an expert record")
        verbose_name_plural = _("claims of expert records")
        ordering = ["-created_at"]
        constraints = [
            # A member has one record, so one claim waiting at a time: a second click adds nothing.
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="expertclaim_one_pending_per_user"
            ),
        ]
        indexes = [
            # The admin's list of claims waiting for a decision.
            models.Index(fields=["status", "-created_at"], name="expertclaim_status_idx"),
        ]

    def __str__(self):
        return f"{self.user}: {self.expert}"

    def get_absolute_url(self):
        return self.expert.get_absolute_url()


class ExpertRecordRequest(DecidedRequest):
    """A member without a record asks for one, giving the essentials; staff approve (making the record,
    linked to the member, with the visibility they choose) or decline."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="expert_record_requests",
    )
    family_name = models.CharField(_("family name (kanji)"), max_length=100, blank=True)
    given_name = models.CharField(_("given name (kanji)"), max_length=100, blank=True)
    family_name_kana = models.CharField(_("family name (kana)"), max_length=100, blank=True)
    given_name_kana = models.CharField(_("given name (kana)"), max_length=100, blank=True)
    family_name_en = models.CharField(_("family name (roman letters)"), max_length=100, blank=True)
    given_name_en = models.CharField(_("given name (roman letters)"), max_length=100, blank=True)
    organization = models.ForeignKey(
        "members.Organization",
        verbose_name=_("affiliation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organization_name = models.CharField(
        _("affiliation, if not in the list"),
        max_length=200,
        blank=True,
        help_text=_("The member's own words; staff choose or add the organisation before approving."),
    )
    department = models.CharField(_("department"), max_length=200, blank=True)
    position_ja = models.CharField(_("position (Japanese)"), max_length=200, blank=True)
    position_en = models.CharField(_("position (English)"), max_length=200, blank=True)
    specialties = models.ManyToManyField(
        "experts.Specialty", verbose_name=_("specialties"), blank=True, related_name="+"
    )
    countries = models.ManyToManyField(
        "consortium.Country", verbose_name=_("countries of field experience"), blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("visibility of the record"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.MEMBERS,
        help_text=_("Who will see the record that approving makes."),
    )
    expert = models.OneToOneField(
        "experts.Expert",
        verbose_name=_("record made"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="record_request",
    )

    class Meta:
        verbose_name = _("request for an expert record")
        verbose_name_plural = _("requests for expert records")
        ordering = ["-created_at"]
        constraints = [
            # One request waiting per member: a second click adds nothing.
            models.UniqueConstraint(
                fields=["user"], condition=Q(status="pending"), name="expertrecordrequest_one_pending"
            ),
            # The record it makes needs a family name, as every expert record does.
            models.CheckConstraint(
                condition=~Q(family_name="", family_name_en=""),
                name="expertrecordrequest_has_a_family_name",
                violation_error_message=_("Give the family name in kanji or in roman letters."),
            ),
        ]
        indexes = [
            # The admin's list of requests waiting for a decision.
            models.Index(fields=["status", "-created_at"], name="expertrecordreq_status_idx"),
        ]

    def __str__(self):
        name = f"{self.family_name} {self.given_name}".strip() or f"{self.given_name_en} {self.family_name_en}"
        return f"{self.user}: {name.strip()}"

    def get_absolute_url(self):
        return reverse("members:expert")
