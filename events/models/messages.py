"""Messages staff write to an event's registrants."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortium.bilingual import localized


class EventMessageQuerySet(models.QuerySet):
    def to_send(self):
        """Messages the sending command has still to send (or to finish sending), oldest first."""
        return self.filter(status__in=[EventMessage.Status.QUEUED, EventMessage.Status.SENDING]).order_by(
            "queued_at", "pk"
        )


class EventMessage(models.Model):
    """A message to some or all of an event's registrants, in both languages; each reads their own."""

    class Audience(models.TextChoices):
        ALL = "all", _("everyone registered (confirmed and waiting list)")
        CONFIRMED = "confirmed", _("confirmed registrants")
        WAITLISTED = "waitlisted", _("the waiting list")
        IN_PERSON = "in_person", _("confirmed registrants attending in person")
        ONLINE = "online", _("confirmed registrants attending online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        QUEUED = "queued", _("queued for sending")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="messages"
    )
    audience = models.CharField(_("to"), max_length=16, choices=Audience.choices, default=Audience.ALL)
    subject_ja = models.CharField(_("subject (Japanese)"), max_length=200, blank=True)
    body_ja = models.TextField(
        _("text (Japanese)"), blank=True, help_text=_("Plain text, as it appears in the e-mail.")
    )
    subject_en = models.CharField(_("subject (English)"), max_length=200, blank=True)
    body_en = models.TextField(
        _("text (English)"), blank=True, help_text=_("Plain text, as it appears in the e-mail.")
    )
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
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)

    history = HistoricalRecords()

    objects = EventMessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("message to registrants")
        verbose_name_plural = _("messages to registrants")
        ordering = ["-created_at"]
        permissions = [("send_eventmessage", _("Can send messages to an event's registrants"))]
        constraints = [
            # A language is written in full or left out; one of them is written.
            models.CheckConstraint(
                condition=Q(subject_ja="", body_ja="") | (~Q(subject_ja="") & ~Q(body_ja="")),
                name="eventmessage_japanese_complete_or_empty",
            ),
            models.CheckConstraint(
                condition=Q(subject_en="", body_en="") | (~Q(subject_en="") & ~Q(body_en="")),
                name="eventmessage_english_complete_or_empty",
            ),
            models.CheckConstraint(condition=~Q(subject_ja="", subject_en=""), name="eventmessage_has_a_language"),
        ]
        indexes = [
            # The sending command's look-up of messages to send.
            models.Index(fields=["status", "queued_at"], name="eventmessage_status_idx"),
        ]

    def __str__(self):
        return localized(self, "subject").text

    def get_absolute_url(self):
        return reverse("admin:events_eventmessage_change", args=[self.pk])

    def clean(self):
        errors = {}
        for code, name in settings.LANGUAGES:
            subject, body = getattr(self, f"subject_{code}").strip(), getattr(self, f"body_{code}").strip()
            if subject and not body:
                errors[f"body_{code}"] = _("Write the text in %(language)s too, or leave its subject empty.") % {
                    "language": name
                }
            elif body and not subject:
                errors[f"subject_{code}"] = _("Give the %(language)s text a subject, or leave the text empty.") % {
                    "language": name
                }
        if not errors and not any(getattr(self, f"subject_{code}").strip() for code, _name in settings.LANGUAGES):
            errors["subject_ja"] = _("Write the message in at least one language.")
        if errors:
            raise ValidationError(errors)

    def written_in(self, language):
        """The language a registrant who reads ``language`` receives the message in: theirs, else the other."""
        return localized(self, "subject", language).language
