"""The rows a member may export per day (``settings.EXPORT_ROWS_PER_DAY``), over every list's exports.

The rows already taken are the day's ``DataExport`` records of the member; an export that would go beyond
the limit is refused whole, with a page that says how many rows are left, rather than cut short without a
word. Counting and recording run under the member's lock (``consortium.daily_limits.counting``), so two
exports started at once, in two processes, cannot both take the last rows. Staff past the second factor are
not limited (``members.access.exempt_from_daily_limits``).
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render
from django.urls import reverse

from consortium.daily_limits import day_start
from consortium.models import DataExport
from members.access import exempt_from_daily_limits

SCOPE = "search:export-rows"

LIST_PAGES = {
    DataExport.Kind.EXPERTS: "experts:list",
    DataExport.Kind.PROJECTS: "projects:list",
    DataExport.Kind.SITES: "heritage:list",
}


@dataclass(frozen=True)
class Refusal:
    limit: int
    taken: int
    wanted: int

    @property
    def left(self):
        return max(self.limit - self.taken, 0)


def rows_taken_today(user, now=None):
    """The rows ``user`` has exported since midnight (Asia/Tokyo)."""
    taken = DataExport.objects.filter(user=user, created_at__gte=day_start(now)).aggregate(rows=Sum("row_count"))
    return taken["rows"] or 0


def refusal(user, wanted, now=None):
    """A Refusal when exporting ``wanted`` more rows would take ``user`` past today's limit, else None.

    Call it under ``counting(SCOPE, user)`` together with the export's record, so that the count holds.
    """
    if exempt_from_daily_limits(user):
        return None
    limit = settings.EXPORT_ROWS_PER_DAY
    taken = rows_taken_today(user, now)
    if taken + wanted > limit:
        return Refusal(limit=limit, taken=taken, wanted=wanted)
    return None


def refused_response(request, kind, refused, query_string):
    """The page that says why the export was refused, with the way back to the same search."""
    back = reverse(LIST_PAGES[kind]) + (f"?{query_string}" if query_string else "")
    context = {"refusal": refused, "back_url": back}
    return render(request, "search/export_refused.html", context, status=429)
