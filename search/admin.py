from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from search.models import SavedSearch


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    """Members' saved searches and their alerts, read only: members keep them on their own page."""

    list_display = ["name", "user", "kind", "alerts", "created_at", "last_sent_at", "next_alert_at"]
    list_filter = ["kind", "alerts", "created_at"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    fields = [
        "user",
        "kind",
        "name",
        "params",
        "alerts",
        "created_at",
        "seen_at",
        "seen_count",
        "last_sent_at",
        "next_alert_at",
    ]
    readonly_fields = fields

    @admin.display(description=_("matches seen"))
    def seen_count(self, obj):
        return len(obj.seen_ids)

    def get_queryset(self, request):
        # The list never shows the ids seen, which may be thousands per search.
        queryset = super().get_queryset(request)
        url_name = getattr(request.resolver_match, "url_name", "") or ""
        return queryset if url_name.endswith("_change") else queryset.defer("seen_ids")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
