"""How long the portal keeps personal data, as the privacy policy says; ``manage.py apply_retention`` runs it
daily from a timer. Each rule finds what is due at ``now`` and removes it; a dry run only counts.

- Public registrants (without an account): the name, address and affiliation of a registration, once its
  event ended ``RETENTION_REGISTRANT_DAYS`` days ago or more. The registration stays, so events keep their
  counts. Requests never confirmed are deleted once their link has expired.
- Former members: an account whose membership ended (withdrawn, or an application refused)
  ``RETENTION_FORMER_MEMBER_DAYS`` days ago or more, and which has not signed in since then, is closed as
  its owner could close it (``members.closing``), without an e-mail. Staff accounts are left to staff.
- Records of access to the database's personal data (exports, views of experts' contact details): deleted
  ``RETENTION_ACCESS_LOG_DAYS`` days after they were made.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from consortium.models import DataExport
from events.models import PendingRegistration, Registration
from events.personal_data import remove_personal_data
from experts.models import ContactView
from members.closing import close_account
from members.models import Membership, User


@dataclass(frozen=True)
class Cutoffs:
    registrants: object
    former_members: object
    access_records: object

    @classmethod
    def at(cls, now):
        return cls(
            registrants=now - timedelta(days=settings.RETENTION_REGISTRANT_DAYS),
            former_members=now - timedelta(days=settings.RETENTION_FORMER_MEMBER_DAYS),
            access_records=now - timedelta(days=settings.RETENTION_ACCESS_LOG_DAYS),
        )


@dataclass(frozen=True)
class Result:
    registrations: int
    pending_requests: int
    former_members: int
    contact_views: int
    data_exports: int


def registrations_due(cutoffs):
    """Public registrations whose event ended at or before the cutoff and which still hold personal data."""
    return Registration.objects.filter(
        user__isnull=True, personal_data_removed_at__isnull=True, event__ends_at__lte=cutoffs.registrants
    )


def former_members_due(cutoffs):
    """Accounts of memberships that ended at or before the cutoff, not signed in since, not closed yet."""
    ended = Membership.objects.filter(
        status__in=[Membership.Status.WITHDRAWN, Membership.Status.REJECTED], decided_at__lte=cutoffs.former_members
    )
    return User.objects.filter(
        Q(last_login__isnull=True) | Q(last_login__lte=cutoffs.former_members),
        pk__in=ended.values("user"),
        closed_at__isnull=True,
        is_staff=False,
        is_superuser=False,
    ).order_by("pk")


def apply(now=None, *, dry_run=False):
    now = now or timezone.now()
    cutoffs = Cutoffs.at(now)
    registrations = registrations_due(cutoffs)
    pending = PendingRegistration.objects.expired(now)
    former_members = former_members_due(cutoffs)
    contact_views = ContactView.objects.filter(viewed_at__lte=cutoffs.access_records)
    data_exports = DataExport.objects.filter(created_at__lte=cutoffs.access_records)
    if dry_run:
        return Result(
            registrations=registrations.count(),
            pending_requests=pending.count(),
            former_members=former_members.count(),
            contact_views=contact_views.count(),
            data_exports=data_exports.count(),
        )
    with transaction.atomic():
        removed = remove_personal_data(registrations, now)
        pending_deleted, _ = pending.delete()
    closed = 0
    for user in former_members:
        # One transaction each, so that a long run keeps what it has done.
        closed += close_account(user, notify=False, now=now) is not None
    return Result(
        registrations=removed,
        pending_requests=pending_deleted,
        former_members=closed,
        contact_views=contact_views.delete()[0],
        data_exports=data_exports.delete()[0],
    )
