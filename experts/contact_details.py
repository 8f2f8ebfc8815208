"""Experts' contact details on the expert's page: each view recorded (who, whose, when), and a member's views
limited to ``settings.CONTACT_VIEWS_PER_DAY`` experts a day.

Over the limit the page still shows the record, without the e-mail address and telephone number, and says
why. Seeing the same expert again the same day costs nothing more (it is recorded again). A member's own
record is theirs to see and is neither recorded nor counted. Staff past the second factor are not limited
(``members.access.exempt_from_daily_limits``); their views are recorded as everyone's are.
"""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from consortium.daily_limits import counting, day_start
from experts.models import ContactView
from members.access import exempt_from_daily_limits, owns_expert_record

SCOPE = "experts:contact-details"


@dataclass(frozen=True)
class ContactAccess:
    """What the expert's page may show of the contact details, and why not when it may not."""

    shown: bool
    limit_reached: bool = False
    limit: int = 0


NOTHING_TO_SHOW = ContactAccess(shown=False)


def experts_seen_today(user, now=None):
    """How many experts' contact details ``user`` has seen since midnight (Asia/Tokyo)."""
    return ContactView.objects.filter(viewer=user, viewed_at__gte=day_start(now)).aggregate(
        experts=Count("expert", distinct=True)
    )["experts"]


def _expert_name(expert):
    return " / ".join(name for name in (expert.name_ja, expert.name_en) if name)[:300]


def open_contact_details(user, expert, now=None):
    """Whether ``user`` may see ``expert``'s contact details now; a view that may is recorded.

    The count and the record happen under the member's lock (``consortium.daily_limits.counting``), so two
    pages opened at once, in two processes, cannot both take the last view of the day.
    """
    if not (expert.email or expert.phone):
        return NOTHING_TO_SHOW
    if owns_expert_record(user, expert):
        return ContactAccess(shown=True)
    now = now or timezone.now()
    limit = settings.CONTACT_VIEWS_PER_DAY
    with counting(SCOPE, user):
        if not exempt_from_daily_limits(user):
            today = ContactView.objects.filter(viewer=user, viewed_at__gte=day_start(now)).aggregate(
                experts=Count("expert", distinct=True), this_one=Count("pk", filter=Q(expert=expert))
            )
            if not today["this_one"] and today["experts"] >= limit:
                return ContactAccess(shown=False, limit_reached=True, limit=limit)
        ContactView.objects.create(
            viewer=user, viewer_email=user.email, expert=expert, expert_name=_expert_name(expert), viewed_at=now
        )
    return ContactAccess(shown=True, limit=limit)
