"""Check-ins in the admin: read, and undone (deleted) when staff checked in the wrong person.

They are made at the event desk (``events:check_in``), never typed here; each deletion is kept in the
history with who made it.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.history_admin import HistoryAdmin
from events.models import CheckIn


@admin.register(CheckIn)
class CheckInAdmin(HistoryAdmin):
    list_display = ["registration_name", "event", "mode", "method", "checked_in_at", "checked_in_by"]
    list_filter = ["mode", "method", ("registration__event", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["registration__event", "checked_in_by"]
    search_fields = ["registration__name", "registration__email"]
    date_hierarchy = "checked_in_at"
    fields = ["registration", "mode", "method", "checked_in_at", "checked_in_by"]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("name"), ordering="registration__name")
    def registration_name(self, obj):
        return obj.registration.name

    @admin.display(description=_("event"), ordering="registration__event__starts_at")
    def event(self, obj):
        return obj.registration.event
