"""The e-mails sent to registrants of an event beyond their own confirmations: one row per notice or message
and person, made before anything is sent, so that sending twice, or two runs at once, sends nothing twice."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EventMailDelivery(models.Model):
    """A change notice or a staff message to one registrant: who, in which language, when, and how it went."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # Cancelled (or moved out of the message's audience) after the sending had started.
        SKIPPED = "skipped", _("not sent: no longer registered")

    notice = models.ForeignKey(
        "events.ChangeNotice",
        verbose_name=_("change notice"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    message = models.ForeignKey(
        "events.EventMessage",
        verbose_name=_("message"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="deliveries",
    )
    registration = models.ForeignKey(
        "events.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("address"))
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    error = models.TextField(_("error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail to a registrant")
        verbose_name_plural = _("e-mails to registrants")
        ordering = ["pk"]
        constraints = [
            # Each row carries either a notice or a message.
            models.CheckConstraint(
                condition=Q(notice__isnull=True, message__isnull=False)
                | Q(notice__isnull=False, message__isnull=True),
                name="eventmaildelivery_notice_or_message",
            ),
            # Each person receives a notice, or a message, at most once, however often sending is started.
            models.UniqueConstraint(fields=["notice", "registration"], name="eventmaildelivery_notice_once"),
            models.UniqueConstraint(fields=["message", "registration"], name="eventmaildelivery_message_once"),
        ]
        indexes = [
            # The sending command's batches: the pending rows of one notice, or of one message.
            models.Index(fields=["notice", "status"], name="eventmaildelivery_notice_idx"),
            models.Index(fields=["message", "status"], name="eventmaildelivery_message_idx"),
        ]

    def __str__(self):
        return f"{self.notice or self.message} → {self.email}"
