"""The expert admin's filters for records kept by their experts: whether a member keeps the record, and
when its expert last confirmed it."""

from django.contrib import admin
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from experts.confirmation import a_year_before, unconfirmed_for_a_year


class MemberAccountFilter(admin.SimpleListFilter):
    title = _("member account")
    parameter_name = "account"

    def lookups(self, request, model_admin):
        return [("linked", _("kept by a member")), ("none", _("no member account"))]

    def queryset(self, request, queryset):
        if self.value() == "linked":
            return queryset.filter(user__isnull=False)
        if self.value() == "none":
            return queryset.filter(user__isnull=True)
        return queryset


class ConfirmationFilter(admin.SimpleListFilter):
    """Records kept by members whose experts have not confirmed them for over a year (or never), and those
    confirmed within the year."""

    title = _("confirmed by the expert")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("not for over a year (records kept by members)")),
            ("never", _("never (records kept by members)")),
            ("recent", _("within the last year")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.filter(unconfirmed_for_a_year(today), user__isnull=False)
        if self.value() == "never":
            return queryset.filter(confirmed_at__isnull=True, user__isnull=False)
        if self.value() == "recent":
            return queryset.filter(Q(confirmed_at__gt=a_year_before(today)))
        return queryset
