"""Members' requests to join or leave a committee, and the staff's decisions on them.

A member asks (``ask``) from the committee's page, or ticks committees when applying for membership
(``ask_to_join``); staff accept or decline in the admin (``accept``, ``decline``), which changes the
roster. One request per person and committee waits at a time: asking again adds nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from members.access import holds_active_membership
from members.models import CommitteeRequest, CommitteeSeat

Action = CommitteeRequest.Action
Status = CommitteeRequest.Status


def pending_request(user, committee):
    return CommitteeRequest.objects.filter(user=user, committee=committee, status=Status.PENDING).first()


def may_ask(user, committee, action):
    """An active member may ask to join a committee they are not on, or to leave one they are on."""
    if not holds_active_membership(user):
        return False
    seated = CommitteeSeat.objects.filter(user=user, committee=committee).exists()
    return seated if action == Action.LEAVE else not seated


def ask(user, committee, action, message=""):
    """File the request; returns it and whether it is new. A request already waiting is returned as it is."""
    existing = pending_request(user, committee)
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            return CommitteeRequest.objects.create(
                user=user, committee=committee, action=action, message=message.strip()
            ), True
    except IntegrityError:
        # A second click that raced the first: the constraint keeps one, which is the answer.
        return pending_request(user, committee), False


def ask_to_join(user, committees):
    """The committees an applicant ticked: a waiting request to join each, decided once they are a member."""
    for committee in committees:
        ask(user, committee, Action.JOIN)


def withdraw(user, committee):
    """The member takes back their waiting request; False when none was waiting."""
    waiting = pending_request(user, committee)
    if waiting is None:
        return False
    waiting.status = Status.WITHDRAWN
    waiting.save(update_fields=["status"])  # saved, not updated, so that the request's history records it
    return True


@transaction.atomic
def decide(committee_request, *, accepted, by):
    """Accept or decline a waiting request; accepting a join adds the seat, accepting a leave removes it.

    Returns False, changing nothing, when the request is no longer waiting."""
    locked = CommitteeRequest.objects.select_for_update().filter(pk=committee_request.pk, status=Status.PENDING)
    committee_request = locked.first()
    if committee_request is None:
        return False
    if accepted and committee_request.action == Action.JOIN:
        CommitteeSeat.objects.get_or_create(committee=committee_request.committee, user=committee_request.user)
    elif accepted:
        for seat in CommitteeSeat.objects.filter(committee=committee_request.committee, user=committee_request.user):
            seat.delete()  # one by one, so that the roster's history records who left
    committee_request.status = Status.ACCEPTED if accepted else Status.DECLINED
    committee_request.decided_at = timezone.now()
    committee_request.decided_by = by
    committee_request.save(update_fields=["status", "decided_at", "decided_by"])
    return True
