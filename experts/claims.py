"""An expert who is a member comes to keep their record: by claiming one, or by asking for a new one.

- ``claim``: the member says a record is theirs. When its e-mail address is one they have verified
  (allauth's ``EmailAddress``), the record is linked to them at once; otherwise the claim waits for
  staff, who accept or decline it in the admin (``decide_claim``).
- ``ask_for_record`` (through the request form) and ``decide_record_request``: a member without a
  record asks for one; approving makes it, linked to them, with the visibility staff chose.

One record per member and one member per record (``Expert.user`` is one-to-one), and one claim or
request waiting per member at a time. Each decision is e-mailed to the member in their language.
"""

import enum

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from experts import emails
from experts.models import Expert, ExpertClaim, ExpertRecordRequest
from members.access import may_keep_expert_record

Status = ExpertClaim.Status


class Outcome(enum.Enum):
    LINKED = "linked"  # the record is the member's now
    ASKED = "asked"  # a claim or request waits for staff
    WAITING = "waiting"  # one was waiting already: nothing new
    DECIDED = "decided"
    NOT_PENDING = "not_pending"  # no longer waiting for a decision: nothing changed
    TAKEN = "taken"  # the record has a member already, or the member has a record
    REFUSED = "refused"  # the member may not claim this record


def own_record(user):
    return Expert.objects.filter(user=user).first() if user.is_authenticated else None


def verified_addresses(user):
    """The member's verified e-mail addresses, lower-cased."""
    return {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }


def matching_records(user):
    """Records with no member yet whose e-mail address is one ``user`` verified: theirs to take at once,
    whatever the records' visibility (the address shows that they are about this person)."""
    addresses = verified_addresses(user)
    if not addresses:
        return Expert.objects.none()
    return (
        Expert.objects.filter(user__isnull=True)
        .alias(address=Lower("email"))
        .filter(address__in=addresses)
        .select_related("organization")
        .only(
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "family_name_en",
            "given_name_en",
            "department",
            "visibility",
            "email",
            "organization__name_ja",
            "organization__name_en",
        )  # fmt: skip
        .order_by("pk")
    )


def pending_claim(user):
    return ExpertClaim.objects.filter(user=user, status=Status.PENDING).select_related("expert").first()


def pending_record_request(user):
    return ExpertRecordRequest.objects.filter(user=user, status=Status.PENDING).first()


def may_claim(user, expert):
    """Whether ``user`` may say that ``expert`` is their record: a member keeping no record yet, and
    a record that no member keeps."""
    return may_keep_expert_record(user) and expert.user_id is None and not Expert.objects.filter(user=user).exists()


def may_ask_for_record(user):
    """A member keeping no record, with no claim or request waiting, may ask for a new record."""
    return (
        may_keep_expert_record(user)
        and not Expert.objects.filter(user=user).exists()
        and pending_claim(user) is None
        and pending_record_request(user) is None
    )


def _link(expert, user, change_reason):
    """Link the (locked) record to the member; its history records the change. The decision's e-mail, or
    the page the member is shown, asks them to check the record, so the yearly request waits a while."""
    expert.user = user
    expert.confirmation_asked_at = timezone.now()
    expert._change_reason = change_reason
    expert.save(update_fields=["user", "confirmation_asked_at", "updated_at"])
    # Whatever else the member was waiting for is moot now that they keep a record.
    for waiting in ExpertClaim.objects.filter(user=user, status=Status.PENDING).exclude(expert=expert):
        waiting.status = Status.WITHDRAWN
        waiting.save(update_fields=["status"])
    ExpertRecordRequest.objects.filter(user=user, status=Status.PENDING).update(status=Status.WITHDRAWN)


@transaction.atomic
def _claim_by_address(user, expert, message):
    """Link the record at once when its address is one the member verified: (Outcome, claim), or None
    when the claim is for staff to decide."""
    expert = Expert.objects.select_for_update().filter(pk=expert.pk).first()
    if expert is None or expert.user_id is not None or Expert.objects.filter(user=user).exists():
        return Outcome.TAKEN, None
    address = expert.email.lower()
    if not address or address not in verified_addresses(user):
        return None
    _link(expert, user, "Claimed by the member: the record's address is one they verified")
    made = ExpertClaim.objects.create(
        user=user,
        expert=expert,
        method=ExpertClaim.Method.VERIFIED_EMAIL,
        matched_email=address,
        message=message.strip(),
        status=Status.ACCEPTED,
        decided_at=timezone.now(),
    )
    return Outcome.LINKED, made


def claim(user, expert, message=""):
    """The member says ``expert`` is their record. Returns (Outcome, the claim or None).

    LINKED when the record's address is one of theirs, verified; ASKED when the claim now waits for
    staff; WAITING when a claim of theirs waits already; TAKEN or REFUSED, changing nothing, otherwise.
    """
    if not may_keep_expert_record(user):
        return Outcome.REFUSED, None
    try:
        at_once = _claim_by_address(user, expert, message)
    except IntegrityError:
        # The member took another record in the same moment (a second tab): one record per member.
        return Outcome.TAKEN, None
    if at_once is not None:
        return at_once
    waiting = pending_claim(user)
    if waiting is not None:
        return Outcome.WAITING, waiting
    if pending_record_request(user) is not None:
        return Outcome.REFUSED, None
    try:
        with transaction.atomic():
            return Outcome.ASKED, ExpertClaim.objects.create(user=user, expert=expert, message=message.strip())
    except IntegrityError:
        # A second click that raced the first: the constraint kept one, which is the answer.
        return Outcome.WAITING, pending_claim(user)


def withdraw(user):
    """The member takes back their waiting claim or request for a record; returns how many were waiting."""
    withdrawn = 0
    for waiting in [pending_claim(user), pending_record_request(user)]:
        if waiting is not None:
            waiting.status = Status.WITHDRAWN
            waiting.save(update_fields=["status"])
            withdrawn += 1
    return withdrawn


def _decided(request, status, by):
    request.status = status
    request.decided_at = timezone.now()
    request.decided_by = by


@transaction.atomic
def decide_claim(expert_claim, *, accepted, by):
    """Staff accept (linking the record to the member) or decline a waiting claim; the member is e-mailed
    the decision once it is committed. Returns DECIDED, NOT_PENDING or TAKEN (nothing changed: the record
    has another member now, or the member another record)."""
    expert_claim = ExpertClaim.objects.select_for_update().filter(pk=expert_claim.pk, status=Status.PENDING).first()
    if expert_claim is None:
        return Outcome.NOT_PENDING
    if accepted:
        expert = Expert.objects.select_for_update().get(pk=expert_claim.expert_id)
        if expert.user_id is not None or Expert.objects.filter(user=expert_claim.user_id).exists():
            return Outcome.TAKEN
        _link(expert, expert_claim.user, "Claim accepted by staff")
    _decided(expert_claim, Status.ACCEPTED if accepted else Status.DECLINED, by)
    expert_claim.save(update_fields=["status", "decided_at", "decided_by"])
    transaction.on_commit(lambda: emails.send_claim_decision(expert_claim.pk))
    return Outcome.DECIDED


RECORD_FIELDS = [
    "family_name", "given_name", "family_name_kana", "given_name_kana", "family_name_en", "given_name_en",
    "organization", "department", "position_ja", "position_en", "visibility",
]  # fmt: skip


@transaction.atomic
def decide_record_request(record_request, *, approved, by):
    """Staff approve a waiting request, making the record from it (linked to the member, with the request's
    visibility), or decline it; the member is e-mailed the decision once it is committed. Returns DECIDED,
    NOT_PENDING or TAKEN (the member keeps a record already: nothing changed)."""
    record_request = (
        ExpertRecordRequest.objects.select_for_update().filter(pk=record_request.pk, status=Status.PENDING).first()
    )
    if record_request is None:
        return Outcome.NOT_PENDING
    if approved:
        if Expert.objects.filter(user=record_request.user_id).exists():
            return Outcome.TAKEN
        expert = Expert(**{name: getattr(record_request, name) for name in RECORD_FIELDS})
        expert.user = record_request.user
        expert.confirmation_asked_at = timezone.now()
        expert._change_reason = "Made from the member's request"
        expert.save()
        expert.specialties.set(record_request.specialties.all())
        expert.countries.set(record_request.countries.all())
        record_request.expert = expert
    _decided(record_request, Status.ACCEPTED if approved else Status.DECLINED, by)
    record_request.save(update_fields=["status", "decided_at", "decided_by", "expert"])
    transaction.on_commit(lambda: emails.send_record_request_decision(record_request.pk))
    return Outcome.DECIDED
