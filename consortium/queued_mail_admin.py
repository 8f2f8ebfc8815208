"""The admin of an e-mail that staff write and a timer's command sends (members' e-mail news, messages to an
event's registrants): a draft may change; once queued, its text is what people receive and it may not. Each
has a preview page, from which it is queued, at ``<id>/preview/`` and ``<id>/send/``."""

from django.urls import path
from django.utils.html import format_html, format_html_join

from consortium.history_admin import HistoryAdmin


class QueuedMailAdmin(HistoryAdmin):
    """A subclass gives ``preview_view`` and ``send_view``; its model has ``status`` (with ``Status.DRAFT``)
    and ``created_by``."""

    def reach_per_language(self, counts):
        """``counts`` ((code, language name, count), ...) as a list a person reads."""
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}: {}</li>", ((n, c) for _code, n, c in counts)))

    def has_change_permission(self, request, obj=None):
        # Once queued, the text is what people receive: it may no longer change.
        if obj is not None and obj.status != self.model.Status.DRAFT:
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/preview/", self.admin_site.admin_view(self.preview_view), name=f"{prefix}_preview"),
            path("<path:object_id>/send/", self.admin_site.admin_view(self.send_view), name=f"{prefix}_send"),
            *super().get_urls(),
        ]
