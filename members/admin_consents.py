"""Consents to the privacy policy and the terms of use, as the forms recorded them: read only."""

from django.contrib import admin

from members.models import Consent


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):
    list_display = ["given_at", "email", "context", "subject", "privacy_version", "terms_version", "language"]
    list_filter = ["context", "privacy_version", "terms_version", "language", "given_at"]
    search_fields = ["email", "subject"]
    date_hierarchy = "given_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
