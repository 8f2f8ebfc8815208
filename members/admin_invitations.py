"""The admin of representatives' invitations: to read, and to revoke one that should not be used."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from members import invitations
from members.models import Invitation


class InvitationStateFilter(admin.SimpleListFilter):
    title = _("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("pending", _("open")),
            ("accepted", pgettext_lazy("invitation", "accepted")),
            ("revoked", _("revoked")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.pending()
        if self.value() == "accepted":
            return queryset.exclude(accepted_at=None)
        if self.value() == "revoked":
            return queryset.exclude(revoked_at=None)
        return queryset


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Representatives send invitations from their own page; staff only read them, or revoke one."""

    list_display = ["email", "organization", "invited_by", "created_at", "expires_at", "accepted_at", "revoked_at"]
    list_select_related = ["organization", "invited_by"]
    list_filter = [InvitationStateFilter, "created_at"]
    search_fields = ["email", "organization__name_ja", "organization__name_en"]
    date_hierarchy = "created_at"
    actions = ["revoke_selected"]
    fields = [
        "organization",
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_by",
        "accepted_at",
        "revoked_by",
        "revoked_at",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Revoke the selected invitations"), permissions=["change"])
    def revoke_selected(self, request, queryset):
        revoked = sum(invitations.revoke(invitation, by=request.user) for invitation in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)d invitation revoked; its link no longer works.",
                "%(count)d invitations revoked; their links no longer work.",
                revoked,
            )
            % {"count": revoked},
            messages.SUCCESS,
        )
