"""What the registrations' admin does beyond editing rows: the waiting list moves up when staff free a place,
answers are shown, and registrations are exported with their answers.

Staff cancelling a registration (setting its status to cancelled) or deleting registrations, one or many,
move the waiting list up exactly as a registrant's own cancellation does (``registrations.freeing_places``):
under the event's lock, the people moved up told by e-mail once the change is saved.
"""

from django import forms
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from events import registration_export, registrations
from events.models import Registration
from events.views.common import base_url


class RegistrationAdminForm(forms.ModelForm):
    class Meta:
        model = Registration
        fields = ["event", "user", "name", "email", "affiliation", "language", "status"]

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event") or (self.instance.event if self.instance.event_id else None)
        email, status = cleaned.get("email"), cleaned.get("status")
        if event is None or not email or status in (None, Registration.Status.CANCELLED):
            return cleaned
        others = event.registrations.active().filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            self.add_error("email", registrations.REFUSALS["duplicate"])
        return cleaned


def _tell_promoted(model_admin, request, promoted):
    if promoted:
        model_admin.message_user(
            request,
            ngettext(
                "%(names)s moved up from the waiting list and is told by e-mail.",
                "%(names)s moved up from the waiting list and are told by e-mail.",
                len(promoted),
            )
            % {"names": ", ".join(registration.name for registration in promoted)},
            messages.SUCCESS,
        )


class RegistrationChangesMixin:
    """For the registrations' ModelAdmin: freed places go to the waiting list; answers shown read-only."""

    form = RegistrationAdminForm

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), "answers_given"]
        # A registration belongs to its event: moving it would pass the other event's capacity and list.
        return ["event", *fields] if obj is not None else fields

    @admin.display(description=_("answers"))
    def answers_given(self, obj):
        answers = obj.answers.select_related("question").order_by("question__order", "question__pk")
        rows = [(answer.question.label, answer.text) for answer in answers]
        if not rows:
            return _("No answers.")
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))

    def save_model(self, request, obj, form, change):
        cancelling = change and "status" in form.changed_data and obj.status == Registration.Status.CANCELLED
        if not cancelling:
            return super().save_model(request, obj, form, change)
        with registrations.freeing_places([obj.event_id], base_url=base_url(request)) as promoted:
            saved = Registration.objects.select_for_update().get(pk=obj.pk)
            if saved.status == Registration.Status.CANCELLED:
                # The registrant cancelled while staff were editing: keep their cancellation and revoked link.
                obj.cancelled_at, obj.manage_key = saved.cancelled_at, saved.manage_key
            else:
                registrations.mark_cancelled(obj)
            super().save_model(request, obj, form, change)
        _tell_promoted(self, request, promoted)

    def delete_model(self, request, obj):
        with registrations.freeing_places([obj.event_id], base_url=base_url(request)) as promoted:
            super().delete_model(request, obj)
        _tell_promoted(self, request, promoted)

    def delete_queryset(self, request, queryset):
        event_ids = set(queryset.values_list("event_id", flat=True))
        with registrations.freeing_places(event_ids, base_url=base_url(request)) as promoted:
            super().delete_queryset(request, queryset)
        _tell_promoted(self, request, promoted)


class EventRegistrationsExportMixin:
    """For the events' ModelAdmin: the selected events' registrations and answers as CSV, for staff who may
    view registrations."""

    actions = ["export_registrations"]

    def has_view_registrations_permission(self, request):
        return request.user.has_perm("events.view_registration")

    @admin.action(
        description=_("Export the selected events' registrations with their answers (CSV)"),
        permissions=["view_registrations"],
    )
    def export_registrations(self, request, queryset):
        return registration_export.csv_response(request, Registration.objects.filter(event__in=queryset))
