"""A person's membership of the consortium, and the secretariat's digest of applications waiting."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.link_secrets import new_secret
from members.models.organisations import Organization


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
