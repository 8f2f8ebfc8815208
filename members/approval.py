"""Staff decisions on memberships: approve, reject, suspend, record a withdrawal.

The one place a membership's status is changed by staff. The admin's action
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


def decide(membership, decision, *, by, note=""):
    """Take ``decision`` on ``membership`` for staff user ``by``.

    Returns False, changing nothing, when the decision does not apply to the
    membership's current status (approving an active member, say). The
    e-mail leaves only once the change is committed.
    """
    if not decision.applies_to(membership):
        return False
    membership.status = decision.to
    membership.decided_at = timezone.now()
    membership.decided_by = by
    membership.decision_note = note.strip()
    membership._history_user = by
    membership._change_reason = decision.name
    membership.save(update_fields=["status", "decided_at", "decided_by", "decision_note"])
    transaction.on_commit(lambda: send_decision_email(membership, decision))
    return True


def send_decision_email(membership, decision):
    """Tell the person about the decision, in their own language."""
    user = membership.user
    with translation.override(user.language):
        context = {
            "user": user,
            "membership": membership,
            "note": membership.decision_note,
            "members_url": settings.PORTAL_URL + reverse("members:home"),
        }
        subject = render_to_string(f"members/email/{decision.name}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{decision.name}_message.txt", context)
    EmailMessage(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[user.email]).send()
