"""The members' e-mail news: issues, and one delivery per issue and person."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized


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
    committees = models.ManyToManyField(
        "members.Committee",
        verbose_name=_("addressed to the committees"),
        blank=True,
        related_name="news_issues",
        help_text=_(
            "Only the members who sit on one of these committees receive it, once each. "
            "Leave empty to send it to all members."
        ),
    )
    history = HistoricalRecords(m2m_fields=[committees])

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
