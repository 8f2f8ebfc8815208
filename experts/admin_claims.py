"""The staff admin of members' claims of expert records and of their requests for new ones.

Members file both from their own expert record page (experts.self_service); staff only decide them, with
an action, which records who decided and when and e-mails the member in their language (experts.claims).
"""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from experts import claims
from experts.claims import Outcome
from experts.models import ExpertClaim, ExpertRecordRequest
from search.columns import search_columns

DECIDED_FIELDS = ["status", "created_at", "decided_at", "decided_by"]


def _report(model_admin, request, outcomes):
    """Tell staff how many were decided, and why the others were left unchanged."""
    done = outcomes.count(Outcome.DECIDED)
    not_pending = outcomes.count(Outcome.NOT_PENDING)
    taken = outcomes.count(Outcome.TAKEN)
    if done:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d decided; the member is told by e-mail.",
                "%(count)d decided; the members are told by e-mail.",
                done,
            )
            % {"count": done},
            messages.SUCCESS,
        )
    if not_pending:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d was left unchanged: it was no longer waiting for a decision.",
                "%(count)d were left unchanged: they were no longer waiting for a decision.",
                not_pending,
            )
            % {"count": not_pending},
            messages.WARNING,
        )
    if taken:
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d was left unchanged: the member keeps a record already, or the record has a member.",
                "%(count)d were left unchanged: the members keep records already, or the records have members.",
                taken,
            )
            % {"count": taken},
            messages.WARNING,
        )


class DecidedByStaffAdmin(admin.ModelAdmin):
    """Filed by members, never added here; what staff write before deciding is the message to the member."""

    date_hierarchy = "created_at"
    list_select_related = ["user", "decided_by"]

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and not obj.is_pending:
            # A decision is made: what it was made on stays as it was.
            readonly += [field.name for field in obj._meta.fields if field.name not in readonly]
        return readonly


@admin.register(ExpertClaim)
class ExpertClaimAdmin(DecidedByStaffAdmin):
    list_display = ["user", "expert", "method", "status", "created_at", "decided_at", "decided_by"]
    list_select_related = ["user", "expert", "decided_by"]
    list_filter = ["status", "method"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "expert__family_name",
        "expert__family_name_en",
    ]
    claim_fields = ["user", "member_address", "expert", "record_address", "method", "matched_email", "message"]
    readonly_fields = [*claim_fields, *DECIDED_FIELDS]
    fields = [*claim_fields, "decision_note", *DECIDED_FIELDS]
    actions = ["accept_selected", "decline_selected"]

    def get_queryset(self, request):
        # The records' generated search columns are large, and never shown here.
        return super().get_queryset(request).defer(*search_columns("expert"))

    @admin.display(description=_("member's account address"))
    def member_address(self, claim):
        return claim.user.email

    @admin.display(description=_("record's contact address"))
    def record_address(self, claim):
        return claim.expert.email

    def has_decide_permission(self, request):
        # Accepting links a record to an account: a change of the record as well as of the claim.
        return request.user.has_perm("experts.change_expertclaim") and request.user.has_perm("experts.change_expert")

    @admin.action(
        description=_("Accept the selected claims (links each record to its member)"), permissions=["decide"]
    )
    def accept_selected(self, request, queryset):
        _report(self, request, [claims.decide_claim(claim, accepted=True, by=request.user) for claim in queryset])

    @admin.action(description=_("Decline the selected claims"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        _report(self, request, [claims.decide_claim(claim, accepted=False, by=request.user) for claim in queryset])


@admin.register(ExpertRecordRequest)
class ExpertRecordRequestAdmin(DecidedByStaffAdmin):
    list_display = ["__str__", "visibility", "status", "created_at", "decided_at", "decided_by"]
    list_filter = ["status", "visibility"]
    search_fields = ["user__email", "family_name", "family_name_en", "given_name_en", "organization_name"]
    autocomplete_fields = ["organization", "specialties", "countries"]
    readonly_fields = ["user", "message", "expert", *DECIDED_FIELDS]
    fieldsets = [
        (_("Request"), {"fields": ["user", "message"]}),
        (
            _("Full name"),
            {
                "fields": [
                    ("family_name", "given_name"),
                    ("family_name_kana", "given_name_kana"),
                    ("family_name_en", "given_name_en"),
                ]
            },
        ),
        (
            _("Affiliation"),
            {"fields": ["organization", "organization_name", "department", ("position_ja", "position_en")]},
        ),
        (_("Expertise"), {"fields": ["specialties", "countries"]}),
        (_("Decision"), {"fields": ["visibility", "decision_note", "expert", *DECIDED_FIELDS]}),
    ]
    actions = ["approve_selected", "decline_selected"]

    def has_decide_permission(self, request):
        # Approving makes an expert record.
        return request.user.has_perm("experts.change_expertrecordrequest") and request.user.has_perm(
            "experts.add_expert"
        )

    @admin.action(
        description=_("Approve the selected requests (makes each record, linked to its member)"),
        permissions=["decide"],
    )
    def approve_selected(self, request, queryset):
        outcomes = [claims.decide_record_request(r, approved=True, by=request.user) for r in queryset]
        _report(self, request, outcomes)

    @admin.action(description=_("Decline the selected requests"), permissions=["decide"])
    def decline_selected(self, request, queryset):
        outcomes = [claims.decide_record_request(r, approved=False, by=request.user) for r in queryset]
        _report(self, request, outcomes)
