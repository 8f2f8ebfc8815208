from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from consortium.admin import ImportExportHistoryAdmin
from consortium.history_admin import HistoryAdmin
from members.admin_committees import CommitteeAdmin  # noqa: F401 (registers the admin)
from members.admin_consents import ConsentAdmin  # noqa: F401 (registers the admin)
from members.admin_invitations import InvitationAdmin  # noqa: F401 (registers the admin)
from members.admin_membership import MembershipAdmin  # noqa: F401 (registers the admin)
from members.admin_news import NewsIssueAdmin  # noqa: F401 (registers the admin)
from members.models import Organization, User
from members.resources import OrganizationResource


@admin.register(User)
class UserAdmin(HistoryAdmin, BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "language", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal information"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "closed_at"]}),
    ]
    readonly_fields = ["closed_at"]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    # Only a superuser grants staff status, superuser status or permissions. Read-only fields
    # are left out of the form, so a crafted POST that sets them changes nothing.
    privilege_fields = ["is_staff", "is_superuser", "groups", "user_permissions"]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if request.user.is_superuser:
            return readonly
        return [*readonly, *self.privilege_fields]

    def has_change_permission(self, request, obj=None):
        # A staff account's e-mail address or password is a way into its powers.
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_staff and not request.user.is_superuser:
            return False
        return super().has_delete_permission(request, obj)

    def has_revert_permission(self, request, obj):
        # An earlier version may hold staff or superuser status.
        return request.user.is_superuser


@admin.register(Organization)
class OrganizationAdmin(ImportExportHistoryAdmin):
    resource_classes = [OrganizationResource]
    list_display = ["name_ja", "name_en", "kind", "country", "representative", "in_directory", "updated_at"]
    list_select_related = ["country", "representative"]
    list_filter = ["kind", "in_directory", "country__unesco_region", "country__subcommittee_region"]
    search_fields = ["name_ja", "name_en"]
    autocomplete_fields = ["country", "representative"]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (_("Names"), {"fields": [("name_ja", "name_en")]}),
        (None, {"fields": ["kind", "country", "website"]}),
        (_("Membership"), {"fields": ["representative", "in_directory"]}),
        (_("Record"), {"fields": [("created_at", "updated_at")]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Who manages an organisation's member accounts is a membership matter: the secretariat's.
        if not request.user.has_perm("members.change_membership"):
            return [*readonly, "representative"]
        return readonly
