"""Decisions on memberships: staff approve, reject, suspend or record a withdrawal;
a member withdraws themselves.

The one place a membership's status is changed. The admin's action
and its per-membership decision page both call ``decide``; each decision is
recorded (who, when, the message) in the membership's history and e-mailed to
the person in their own language.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from members import application_notices
from members.models import Membership

Status = Membership.Status


@dataclass(frozen=True)
class Decision:
    """A decision staff may take: the status it leads to and the statuses it may be taken from."""

    name: str
    label: str
    to: str
    allowed_from: frozenset

    def __str__(self):
        return str(self.label)

    def applies_to(self, membership):
        return membership.status in self.allowed_from


APPROVE = Decision(
    "approve", _("Approve"), Status.ACTIVE, frozenset({Status.APPLIED, Status.SUSPENDED, Status.REJECTED})
)
REJECT = Decision("reject", _("Reject"), Status.REJECTED, frozenset({Status.APPLIED}))
SUSPEND = Decision("suspend", _("Suspend"), Status.SUSPENDED, frozenset({Status.ACTIVE}))
WITHDRAW = Decision("withdraw", _("Record withdrawal"), Status.WITHDRAWN, frozenset({Status.ACTIVE, Status.SUSPENDED}))
DECISIONS = {decision.name: decision for decision in (APPROVE, REJECT, SUSPEND, WITHDRAW)}


def _change_status(membership, status, *, by, reason, **fields):
    """Set ``status`` and ``fields`` and save them, with ``by`` and ``reason`` in the history."""
    membership.status = status
    for name, value in fields.items():
        setattr(membership, name, value)
    membership._history_user = by
    membership._change_reason = reason
    # A membership made here (on an invitation) has no row to update yet.
    membership.save(update_fields=["status", *fields] if membership.pk else None)


def _send_email(membership, template, **context):
    """E-mail ``members/email/<template>_subject.txt`` and ``_message.txt`` to the person, in their language."""
    user = membership.user
    with translation.override(user.language):
        context.update(user=user, membership=membership, members_url=settings.PORTAL_URL + reverse("members:home"))
        subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{template}_message.txt", context)
    EmailMessage(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]).send()


def decide(membership, decision, *, by, note=""):
    """Take ``decision`` on ``membership`` for staff user ``by``.

    Returns False, changing nothing, when the decision does not apply to the
    membership's current status (approving an active member, say). The
    e-mail leaves only once the change is committed.
    """
    if not decision.applies_to(membership):
        return False
    _change_status(
        membership,
        decision.to,
        by=by,
        reason=decision.name,
        decided_at=timezone.now(),
        decided_by=by,
        decision_note=note.strip(),
    )
    transaction.on_commit(lambda: send_decision_email(membership, decision))
    return True


def send_decision_email(membership, decision):
    """Tell the person about the decision, in their own language."""
    _send_email(membership, decision.name, note=membership.decision_note)


MEMBER_WITHDRAWAL = "withdrawn by the member"
"""The change reason of a withdrawal the member made themselves, in the membership's history."""


def may_withdraw(membership):
    """Whether the member may end this membership (or application) themselves."""
    return membership is not None and membership.status in {Status.APPLIED, Status.ACTIVE, Status.SUSPENDED}


def withdraw_by_member(membership, *, reason=""):
    """The member ends their own membership, or withdraws their application.

    Access to the database ends with it, and the e-mail news stops. Returns False,
    changing nothing, when there is nothing to withdraw.
    """
    if not may_withdraw(membership):
        return False
    _change_status(
        membership,
        Status.WITHDRAWN,
        by=membership.user,
        reason=MEMBER_WITHDRAWAL,
        decided_at=timezone.now(),
        decided_by=membership.user,
        decision_note="",
        leaving_note=reason.strip(),
        news_opt_in=False,
    )
    transaction.on_commit(lambda: _send_email(membership, "withdrawn_by_member"))
    return True


ACCOUNT_CLOSING = "account closed"
"""The change reason of a membership that ended because its account was closed (members.closing)."""


def end_on_account_closing(membership):
    """The membership ends with its account: withdrawn (a refused one stays refused), without the texts the
    person or staff wrote about it (``members.closing`` removes them from its history too). The statuses and
    dates stay. No e-mail here: the closing sends its own."""
    fields = {"statement": "", "leaving_note": "", "decision_note": "", "news_opt_in": False}
    if membership.status in {Status.WITHDRAWN, Status.REJECTED}:
        for name, value in fields.items():
            setattr(membership, name, value)
        membership._history_user = membership.user
        membership._change_reason = ACCOUNT_CLOSING
        membership.save(update_fields=list(fields))
        return
    _change_status(
        membership,
        Status.WITHDRAWN,
        by=membership.user,
        reason=ACCOUNT_CLOSING,
        decided_at=timezone.now(),
        decided_by=membership.user,
        **fields,
    )


MEMBER_REAPPLICATION = "applied again"


def apply_again(membership):
    """A former member applies again: the membership waits for the secretariat's decision once more."""
    if membership is None or membership.status != Status.WITHDRAWN:
        return False
    _change_status(
        membership,
        Status.APPLIED,
        by=membership.user,
        reason=MEMBER_REAPPLICATION,
        applied_at=timezone.now(),
        decided_at=None,
        decided_by=None,
        decision_note="",
        secretariat_notified_at=None,
    )
    application_notices.announce_application(membership)
    return True


INVITATION_ADMISSION = "joined on the invitation of the organisation's representative"
REPRESENTATIVE_REMOVAL = "removed by the organisation's representative"


def admit_on_invitation(user, invitation):
    """The invited person becomes an active member of the inviting organisation, without an application.

    The representative who invited them is recorded as the one who decided, as staff are on an
    approval. A membership the account had already (an application, a former membership) is taken over.
    """
    membership = Membership.objects.filter(user=user).first() or Membership(user=user)
    _change_status(
        membership,
        Status.ACTIVE,
        by=invitation.invited_by,
        reason=INVITATION_ADMISSION,
        kind=Membership.Kind.ORGANISATIONAL,
        organization=invitation.organization,
        organization_name="",
        decided_at=timezone.now(),
        decided_by=invitation.invited_by,
        decision_note="",
    )
    return membership


def remove_by_representative(membership, *, by):
    """The representative ends a colleague's membership through their organisation.

    Access ends at the colleague's next request (members.access reads the membership each time);
    the e-mail news stops. The note says who ended it, in the colleague's language.
    """
    with translation.override(membership.user.language):
        note = _("Your membership through %(organisation)s was ended by its representative, %(name)s.") % {
            "organisation": membership.organization,
            "name": by.get_full_name() or by.email,
        }
    _change_status(
        membership,
        Status.WITHDRAWN,
        by=by,
        reason=REPRESENTATIVE_REMOVAL,
        decided_at=timezone.now(),
        decided_by=by,
        decision_note=str(note),
        news_opt_in=False,
    )
