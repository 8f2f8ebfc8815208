"""Who joined the consortium and who left it, and when, read from the membership history.

A member is *new* in the (April–March) fiscal year in which their membership first became active (a
suspension lifted or a former member readmitted is not new); a member *departed* in the fiscal year in
which their active membership became suspended or withdrawn, or was deleted, unless it was active again by
the end of that year (a suspension lifted within the year is no departure). Each is counted by the kind
the membership had at that moment. The activity report (events.activities) counts them per year.
"""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import F, Q, Window
from django.db.models.functions import Lag
from django.utils import timezone

from consortium.fiscal import fiscal_year
from members.models import Membership


@dataclass(frozen=True)
class MembershipChange:
    membership_id: int
    kind: str
    joined: bool
    at: datetime


def membership_changes(before=None):
    """Every membership's joining and departure (see the module's docstring) up to ``before``, oldest first.

    The history holds a row for each save; the database keeps only the rows where the status changed (or the
    membership was deleted), which are few, and the rules are applied to those here."""
    HistoricalMembership = Membership.history.model
    order = ["history_date", "history_id"]
    history = HistoricalMembership.objects.all()
    if before is not None:
        history = history.filter(history_date__lt=before)
    transitions = (
        history.annotate(
            previous_status=Window(Lag("status"), partition_by=[F("id")], order_by=order),
        )
        .filter(
            Q(previous_status__isnull=True) | ~Q(previous_status=F("status")) | Q(history_type="-"),
        )
        .order_by("id", *order)
        .values_list("id", "history_date", "history_type", "status", "kind", "previous_status")
    )
    changes = []
    ever_active = set()
    departure = {}  # membership id → its departure not yet known to last to the end of its fiscal year
    for membership_id, at, history_type, status, kind, previous in transitions:
        active = status == Membership.Status.ACTIVE and history_type != "-"
        was_active = previous == Membership.Status.ACTIVE or (
            history_type == "-" and status == Membership.Status.ACTIVE
        )
        if active:
            pending = departure.pop(membership_id, None)
            if pending is not None and fiscal_year(timezone.localdate(pending.at)) == fiscal_year(
                timezone.localdate(at)
            ):
                changes.remove(pending)
            if membership_id not in ever_active:
                ever_active.add(membership_id)
                changes.append(MembershipChange(membership_id, kind, joined=True, at=at))
        elif was_active and membership_id in ever_active and membership_id not in departure:
            departure[membership_id] = MembershipChange(membership_id, kind, joined=False, at=at)
            changes.append(departure[membership_id])
    return sorted(changes, key=lambda change: change.at)
