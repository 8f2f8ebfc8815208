"""The admin of memberships: applications waiting for a decision, and the decisions.

Status changes go through ``members.approval`` only, from the list's actions
or the per-membership decision page, so each one is dated, signed and
e-mailed; the change form shows the status but does not edit it.
"""

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.history_admin import HistoryAdmin
from members import approval, newsletter
from members.models import Membership


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea({"rows": 4, "cols": 60}),
        help_text=_("Optional. Included in the e-mail that tells them the decision, in their language."),
    )


class EmailVerifiedFilter(admin.SimpleListFilter):
    title = _("e-mail verified")
    parameter_name = "verified"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(email_verified=True)
        if self.value() == "no":
            return queryset.filter(email_verified=False)
        return queryset


@admin.register(Membership)
class MembershipAdmin(HistoryAdmin):
    list_display = ["user", "organisation", "kind", "status", "email_verified", "applied_at", "decided_at"]
    list_filter = ["status", "kind", EmailVerifiedFilter, "news_opt_in"]
    list_select_related = ["user", "organization"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "organization__name_ja",
        "organization__name_en",
        "organization_name",
    ]
    autocomplete_fields = ["user", "organization"]
    date_hierarchy = "applied_at"
    readonly_fields = ["status", "applied_at", "decided_at", "decided_by", "decision_note", "leaving_note"]
    fieldsets = [
        (None, {"fields": ["user", "kind", "organization", "organization_name", "statement"]}),
        (_("E-mail news"), {"fields": ["news_opt_in"]}),
        (
            _("Decision"),
            {"fields": ["status", "applied_at", "decided_at", "decided_by", "decision_note", "leaving_note"]},
        ),
    ]
    actions = [
        "approve_selected",
        "reject_selected",
        "suspend_selected",
        "withdraw_selected",
        "renew_unsubscribe_links",
    ]
    change_form_template = "admin/members/membership/change_form.html"

    def get_queryset(self, request):
        verified = EmailAddress.objects.filter(user_id=OuterRef("user_id"), verified=True)
        return super().get_queryset(request).annotate(email_verified=Exists(verified))

    def get_readonly_fields(self, request, obj=None):
        # The user is chosen once, when staff create a membership by hand.
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    @admin.display(description=_("organisation"), ordering="organization__name_en")
    def organisation(self, membership):
        return membership.organization or membership.organization_name or "—"

    @admin.display(description=_("e-mail verified"), boolean=True, ordering="email_verified")
    def email_verified(self, membership):
        return membership.email_verified

    def get_urls(self):
        return [
            path(
                "<path:object_id>/decide/<str:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="members_membership_decide",
            ),
            *super().get_urls(),
        ]

    def _take(self, request, memberships, decision, note):
        done = sum(approval.decide(m, decision, by=request.user, note=note) for m in memberships)
        skipped = len(memberships) - done
        if done:
            self.message_user(
                request,
                ngettext(
                    "%(decision)s: %(count)d membership changed; the person has been e-mailed.",
                    "%(decision)s: %(count)d memberships changed; each person has been e-mailed.",
                    done,
                )
                % {"decision": decision, "count": done},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d membership was left unchanged: the decision does not apply to its status.",
                    "%(count)d memberships were left unchanged: the decision does not apply to their status.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def _confirm(self, request, queryset, decision, *, single=None):
        """The intermediate page: the memberships concerned and an optional message."""
        if not self.has_change_permission(request):
            return None
        form = DecisionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._take(request, list(queryset.select_related("user")), decision, form.cleaned_data["note"])
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": _("Decision: %(decision)s") % {"decision": decision},
            "opts": self.model._meta,
            "decision": decision,
            "memberships": queryset.select_related("user", "organization"),
            "form": form,
            "single": single,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/members/membership/decide.html", context)

    @admin.action(description=_("Approve selected memberships"), permissions=["change"])
    def approve_selected(self, request, queryset):
        return self._confirm(request, queryset, approval.APPROVE)

    @admin.action(description=_("Reject selected applications"), permissions=["change"])
    def reject_selected(self, request, queryset):
        return self._confirm(request, queryset, approval.REJECT)

    @admin.action(description=_("Suspend selected memberships"), permissions=["change"])
    def suspend_selected(self, request, queryset):
        return self._confirm(request, queryset, approval.SUSPEND)

    @admin.action(description=_("Record the withdrawal of selected members"), permissions=["change"])
    def withdraw_selected(self, request, queryset):
        return self._confirm(request, queryset, approval.WITHDRAW)

    @admin.action(description=_("Revoke the e-mail news unsubscribe links sent so far"), permissions=["change"])
    def renew_unsubscribe_links(self, request, queryset):
        count = newsletter.renew_unsubscribe_keys(queryset)
        self.message_user(
            request,
            ngettext(
                "The unsubscribe links sent to %(count)d member no longer work; the next issue carries a new one.",
                "The unsubscribe links sent to %(count)d members no longer work; the next issue carries new ones.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    def decide_view(self, request, object_id, decision):
        """One membership, one decision, from the buttons on its change form."""
        decision = approval.DECISIONS.get(decision)
        membership = get_object_or_404(self.get_queryset(request), pk=object_id)
        if decision is None or not self.has_change_permission(request, membership):
            return redirect(reverse("admin:members_membership_change", args=[membership.pk]))
        response = self._confirm(request, Membership.objects.filter(pk=membership.pk), decision, single=membership)
        if response is None:
            return redirect(reverse("admin:members_membership_change", args=[membership.pk]))
        return response

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None:
            context["decisions"] = [d for d in approval.DECISIONS.values() if d.applies_to(obj)]
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)
