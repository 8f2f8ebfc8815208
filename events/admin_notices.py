"""The admin of change notices: what registrants were told of a changed or cancelled event, and who was told when.

Notices are made by saving an event (``events.changes``), never by hand; a notice still
waiting for the sending command may be deleted, so that no one is told of it.
"""

from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from events import changes
from events.models import ChangeNotice, EventMailDelivery

NOTIFY_FIELDSET = (_("Telling the registrants"), {"fields": ["notify_registrants"]})


def notify_registrants_field():
    """The event form's box that has a change of date, place, link or status e-mailed to the registrants."""
    return forms.BooleanField(
        label=_("E-mail the registrants about this change"),
        required=False,
        initial=True,
        help_text=_(
            "When the date, time zone, venue, format or online link changes, or the event is cancelled, everyone "
            "registered or waiting is e-mailed in their language within a few minutes, with an updated calendar "
            "file (only confirmed registrants hear of a new online link). Untick it for a correction no one "
            "needs to hear of."
        ),
    )


class DeliveryInline(admin.TabularInline):
    """Each e-mail sent: to whom, in which language, when, and how it went."""

    model = EventMailDelivery
    fields = ["name", "email", "language", "status", "sent_at", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    show_change_link = False
    verbose_name_plural = _("e-mails sent")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class NoticeDeliveryInline(DeliveryInline):
    fk_name = "notice"


@admin.register(ChangeNotice)
class ChangeNoticeAdmin(admin.ModelAdmin):
    list_display = ["event", "kind", "status", "created_at", "created_by", "finished_at", "sent_count", "failed_count"]
    list_filter = ["kind", "status"]
    list_select_related = ["event", "created_by"]
    search_fields = ["event__title_ja", "event__title_en", "event__slug"]
    date_hierarchy = "created_at"
    actions = None
    fields = [
        "event",
        "kind",
        "summary",
        "status",
        "created_by",
        "created_at",
        "changed_at",
        "finished_at",
        "sent_count",
        "failed_count",
    ]
    readonly_fields = fields
    inlines = [NoticeDeliveryInline]
    view_on_site = False

    @admin.display(description=_("what changed"))
    def summary(self, notice):
        """The lines a confirmed registrant reads, in each language."""
        if notice.kind == ChangeNotice.Kind.CANCELLED:
            return notice.get_kind_display()
        rows = []
        for code, name in settings.LANGUAGES:
            for line in changes.what_changed(notice.before, notice.after, code, confirmed=True):
                rows.append((name, code, line.label, line.old or "–", line.new))
        if not rows:
            return notice.get_kind_display()
        return format_html(
            "<ul>{}</ul>",
            format_html_join("", '<li>{}: <span lang="{}">{}: {} → {}</span></li>', rows),
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Until it is being sent, a notice may be withdrawn; afterwards it is the record of what was sent.
        if obj is not None and obj.status != ChangeNotice.Status.QUEUED:
            return False
        return super().has_delete_permission(request, obj)


@contextmanager
def noticing_admin_save(model_admin, request, obj, form, change):
    """Wraps the admin's save of an event: registrants are told of a change unless staff untick the box."""
    if not change:
        yield
        return
    notify = form.cleaned_data.get("notify_registrants", True)
    with changes.noticing(obj, by=request.user, notify=notify) as noticed:
        yield
    if noticed.notice is not None:
        model_admin.message_user(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("The registrants will be told of this change by e-mail within a few minutes."),
                noticed.notice.get_absolute_url(),
                _("See the change notice (it can be withdrawn until it is sent)."),
            ),
            messages.INFO,
        )
    elif noticed.changed and not notify:
        model_admin.message_user(request, _("The registrants were not told of this change."), messages.INFO)
