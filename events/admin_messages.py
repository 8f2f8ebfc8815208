"""The admin of messages to an event's registrants: write in both languages, preview, queue for sending.

Writing a message needs its add (or change) permission; queueing it for sending,
``events.send_eventmessage``. ``send_event_mail`` sends queued messages in batches.
"""

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from consortium.queued_mail_admin import QueuedMailAdmin
from events import audiences, registrant_mail
from events.admin_notices import DeliveryInline
from events.models import EventMessage, Registration

SEND_PERMISSION = "events.send_eventmessage"


def recipient_counts(message):
    """How many people ``message`` would reach if it were sent now: (code, language name, count) per language."""
    counts = dict(audiences.recipients(message).order_by().values_list("language").annotate(count=Count("pk")))
    return [(code, name, counts.get(code, 0)) for code, name in settings.LANGUAGES]


def queue(message, user):
    """Mark a draft message for sending; the next ``send_event_mail`` run sends it. False when it was not a draft."""
    return bool(
        EventMessage.objects.filter(pk=message.pk, status=EventMessage.Status.DRAFT).update(
            status=EventMessage.Status.QUEUED, queued_at=timezone.now(), queued_by=user
        )
    )


class MessageDeliveryInline(DeliveryInline):
    fk_name = "message"


@admin.register(EventMessage)
class EventMessageAdmin(QueuedMailAdmin):
    list_display = ["__str__", "event", "audience", "status", "created_at", "queued_at", "sent_count", "failed_count"]
    list_filter = ["status", "audience"]
    list_select_related = ["event"]
    search_fields = ["subject_ja", "subject_en", "event__title_ja", "event__title_en"]
    autocomplete_fields = ["event"]
    readonly_fields = [
        "reach",
        "status",
        "created_by",
        "created_at",
        "queued_by",
        "queued_at",
        "finished_at",
        "sent_count",
        "failed_count",
    ]
    fieldsets = [
        (None, {"fields": ["event", "audience", "reach"]}),
        (_("Japanese"), {"fields": ["subject_ja", "body_ja"]}),
        (_("English"), {"fields": ["subject_en", "body_en"]}),
        (
            _("Sending"),
            {
                "fields": [
                    "status",
                    "created_by",
                    "created_at",
                    "queued_by",
                    "queued_at",
                    "finished_at",
                    "sent_count",
                    "failed_count",
                ]
            },
        ),
    ]
    inlines = [MessageDeliveryInline]
    view_on_site = False
    change_form_template = "admin/events/eventmessage/change_form.html"

    @admin.display(description=_("would reach now"))
    def reach(self, message):
        if message.pk is None:
            return _("Counted once the message is saved.")
        if message.status != EventMessage.Status.DRAFT:
            return _("Counted when it is sent: see the figures under “Sending”.")
        return self.reach_per_language(recipient_counts(message))

    def get_inlines(self, request, obj):
        # A message being written has sent nothing yet.
        return self.inlines if obj is not None and obj.status != EventMessage.Status.DRAFT else []

    def preview_view(self, request, object_id):
        """The message as registrants receive it, in each language, with how many receive each."""
        message = get_object_or_404(EventMessage.objects.select_related("event"), pk=object_id)
        if not self.has_view_permission(request, message):
            return redirect("admin:index")
        base_url = request.build_absolute_uri("/").rstrip("/")
        counts = recipient_counts(message)
        previews = []
        for code, name, count in counts:
            with translation.override(code):
                stand_in = Registration(
                    event=message.event,
                    name=gettext("(the registrant's name)"),
                    email=request.user.email,
                    language=code,
                    status=Registration.Status.CONFIRMED,
                )
            email = registrant_mail.message_email(message, stand_in, base_url)
            previews.append({"code": code, "language": name, "count": count, "email": email})
        context = {
            **self.admin_site.each_context(request),
            "title": _("Preview: %(message)s") % {"message": message},
            "opts": self.model._meta,
            "message": message,
            "previews": previews,
            "recipient_count": sum(count for _code, _name, count in counts),
            "may_send": message.status == EventMessage.Status.DRAFT and request.user.has_perm(SEND_PERMISSION),
        }
        return TemplateResponse(request, "admin/events/eventmessage/preview.html", context)

    def send_view(self, request, object_id):
        """Queue the message (POST from the preview page); ``send_event_mail`` sends it."""
        message = get_object_or_404(EventMessage, pk=object_id)
        preview = reverse("admin:events_eventmessage_preview", args=[message.pk])
        if request.method != "POST" or not self.has_view_permission(request, message):
            return redirect(preview)
        if not request.user.has_perm(SEND_PERMISSION):
            self.message_user(request, _("You may not send messages to registrants."), messages.ERROR)
            return redirect(preview)
        recipients = sum(count for _code, _name, count in recipient_counts(message))
        if message.status == EventMessage.Status.DRAFT and not recipients:
            self.message_user(request, _("No one is registered in this audience: nothing was sent."), messages.ERROR)
            return redirect(preview)
        if queue(message, request.user):
            self.message_user(
                request,
                ngettext(
                    "The message is queued for %(count)d person and will be sent within a few minutes.",
                    "The message is queued for %(count)d people and will be sent within a few minutes.",
                    recipients,
                )
                % {"count": recipients},
                messages.SUCCESS,
            )
        else:
            self.message_user(request, _("This message has already been queued or sent."), messages.WARNING)
        return redirect(reverse("admin:events_eventmessage_change", args=[message.pk]))
