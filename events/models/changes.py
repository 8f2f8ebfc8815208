"""Changes of an event that its registrants are told of: a cancellation, a new date, place or link."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ChangeNoticeQuerySet(models.QuerySet):
    def to_send(self):
        """Notices the sending command has still to send (or to finish sending), oldest first."""
        return self.filter(status__in=[ChangeNotice.Status.QUEUED, ChangeNotice.Status.SENDING]).order_by(
            "created_at", "pk"
        )


class ChangeNotice(models.Model):
    """One change of an event, with the values before and after it, queued for its registrants.

    ``before`` and ``after`` hold the fields of ``events.changes.TRACKED`` as JSON (times in UTC,
    ISO 8601): the e-mail says what changed even when the event has changed again since.
    """

    class Kind(models.TextChoices):
        CHANGED = "changed", _("date, place or link changed")
        CANCELLED = "cancelled", _("cancelled")
        REINSTATED = "reinstated", _("no longer cancelled")

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued for sending")
        SENDING = "sending", _("being sent")
        SENT = "sent", _("sent")

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="change_notices"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    before = models.JSONField(_("before"), encoder=DjangoJSONEncoder)
    after = models.JSONField(_("after"), encoder=DjangoJSONEncoder)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # A change made while the notice still waits is folded into it: the people registered by then hear of it.
    changed_at = models.DateTimeField(_("last changed"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("sending finished"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)

    objects = ChangeNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("change notice")
        verbose_name_plural = _("change notices")
        ordering = ["-created_at"]
        constraints = [
            # Changes made before sending starts are folded into one notice: one e-mail per person, not one per save.
            models.UniqueConstraint(
                fields=["event"], condition=Q(status="queued"), name="changenotice_one_queued_per_event"
            ),
        ]
        indexes = [
            # The sending command's look-up of notices to send.
            models.Index(fields=["status", "created_at"], name="changenotice_status_idx"),
        ]

    def __str__(self):
        return f"{self.event} – {self.get_kind_display()}"

    def get_absolute_url(self):
        return reverse("admin:events_changenotice_change", args=[self.pk])
