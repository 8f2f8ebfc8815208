"""The staff admin of committees: their rosters, the members' requests to join or leave, and meetings
with their files."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.history_admin import HistoryAdmin
from members import committee_requests
from members.models import Committee, CommitteeRequest, CommitteeSeat, Meeting, MeetingFile


class CommitteeSeatInline(admin.TabularInline):
    model = CommitteeSeat
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["since"]


@admin.register(Committee)
class CommitteeAdmin(HistoryAdmin):
    list_display = ["code", "name_ja", "name_en", "kind", "region", "order"]
    list_select_related = ["region"]
    list_filter = ["kind", "region"]
    search_fields = ["code", "name_ja", "name_en"]
    autocomplete_fields = ["countries"]
    inlines = [CommitteeSeatInline]
    fieldsets = [
        (None, {"fields": ["code", "kind", "order"]}),
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
        (_("Countries covered"), {"fields": ["region", "countries"]}),
        (_("Remit"), {"fields": [("description_ja", "description_en")]}),
    ]


@admin.register(CommitteeRequest)
class CommitteeRequestAdmin(HistoryAdmin):
    """Members file requests from the committee's page; staff only decide them, which changes the roster."""

    list_display = ["user", "committee", "action", "status", "created_at", "decided_at", "decided_by"]
    list_select_related = ["user", "committee", "decided_by"]
    list_filter = ["status", "action", "committee"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    date_hierarchy = "created_at"
    readonly_fields = ["user", "committee", "action", "message", "status", "created_at", "decided_at", "decided_by"]
    actions = ["accept_selected", "decline_selected"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, *, accepted):
        chosen = list(queryset.select_related("committee", "user"))
        done = sum(committee_requests.decide(r, accepted=accepted, by=request.user) for r in chosen)
        skipped = len(chosen) - done
        if done:
            self.message_user(
                request,
                ngettext("%(count)d request decided.", "%(count)d requests decided.", done) % {"count": done},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d request was left unchanged: it was no longer waiting for a decision.",
                    "%(count)d requests were left unchanged: they were no longer waiting for a decision.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    @admin.action(description=_("Accept the selected requests (changes the roster)"), permissions=["change"])
    def accept_selected(self, request, queryset):
        self._decide(request, queryset, accepted=True)

    @admin.action(description=_("Decline the selected requests"), permissions=["change"])
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, accepted=False)


class MeetingFileInline(admin.TabularInline):
    model = MeetingFile
    extra = 0
    fields = ["kind", "title_ja", "title_en", "file", "order"]


@admin.register(Meeting)
class MeetingAdmin(HistoryAdmin):
    list_display = ["held_on", "kind", "committee", "audience"]
    list_select_related = ["committee"]
    list_filter = ["kind", "audience", "committee"]
    search_fields = ["title_ja", "title_en", "committee__name_ja", "committee__name_en"]
    date_hierarchy = "held_on"
    inlines = [MeetingFileInline]
    fieldsets = [
        (None, {"fields": ["kind", "committee", "held_on", "audience"]}),
        (_("Title and venue"), {"fields": [("title_ja", "title_en"), ("venue_ja", "venue_en")]}),
        (_("Agenda"), {"fields": [("agenda_ja", "agenda_en")]}),
        (_("Minutes"), {"fields": [("minutes_ja", "minutes_en")]}),
    ]
