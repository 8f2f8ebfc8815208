"""Who saw which expert's contact details, and when: a record, read only, as the export log is."""

from django.contrib import admin

from experts.models import ContactView


@admin.register(ContactView)
class ContactViewAdmin(admin.ModelAdmin):
    list_display = ["viewed_at", "viewer_email", "expert_name"]
    list_filter = ["viewed_at"]
    search_fields = ["viewer_email", "expert_name"]
    date_hierarchy = "viewed_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
