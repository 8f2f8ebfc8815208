"""A representative brings colleagues into their organisation's membership, and removes them.

The representative (``Organization.representative``, set by the secretariat) invites a colleague by
e-mail. The link in the e-mail works once, for ``INVITATION_MAX_AGE``: a new person signs up through it
(members.invitation_views) and becomes an active member once their address is verified, without an
application; someone with an account but no active membership accepts it signed in. An organisation
holds at most ``settings.ORGANISATION_ACCOUNT_LIMIT`` accounts, counting the invitations still open.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from consortium.link_secrets import digest, new_secret
from consortium.throttle import spend
from members import approval
from members.models import Invitation, Membership, Organization, User

INVITATION_MAX_AGE = timedelta(days=14)
# An invitation sends an e-mail to any address typed in: a few an hour for a representative, and few
# to one address however many representatives try it.
INVITATIONS_PER_REPRESENTATIVE = 20
INVITATIONS_PER_ADDRESS = 3
PERIOD = 60 * 60

BOTH_LANGUAGES = "both"
# Memberships an invitation may take over: an application, a former or a refused membership. A
# suspended one waits for the secretariat, and an active one belongs to an organisation (or a person) already.
ACCEPTING_STATUSES = {Membership.Status.APPLIED, Membership.Status.WITHDRAWN, Membership.Status.REJECTED}


def colleagues(organisation):
    """The active memberships of the organisation, with their people."""
    return (
        Membership.objects.filter(organization=organisation, status=Membership.Status.ACTIVE)
        .select_related("user")
        .only("decided_at", "applied_at", "user__email", "user__first_name", "user__last_name")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def accounts_in_use(organisation):
    """The organisation's places taken: its active memberships and its pending invitations."""
    members = Membership.objects.filter(organization=organisation, status=Membership.Status.ACTIVE).count()
    return members + organisation.invitations.pending().count()


def check_room(organisation):
    """Raise ValidationError when the organisation has no place left for another account."""
    limit = settings.ORGANISATION_ACCOUNT_LIMIT
    if accounts_in_use(organisation) >= limit:
        raise ValidationError(
            _(
                "Your organisation has reached its limit of %(limit)d accounts, counting open invitations. "
                "Revoke an invitation or remove a colleague first, or ask the secretariat."
            ),
            code="limit",
            params={"limit": limit},
        )


def check_address(organisation, email):
    """Raise ValidationError when ``email`` may not be invited: a member already, or invited already."""
    pending = Invitation.objects.pending().for_address(email)
    if pending.filter(organization=organisation).exists():
        raise ValidationError(
            _("This address has an open invitation already. Revoke it first if you want to send a new one."),
            code="invited",
        )
    if pending.exists():
        raise ValidationError(_("This address has an open invitation from another organisation."), code="invited")
    membership = Membership.objects.filter(user__email__iexact=email).only("status", "organization_id").first()
    if membership is None or membership.status in ACCEPTING_STATUSES:
        return
    if membership.status == Membership.Status.SUSPENDED:
        raise ValidationError(
            _("The membership of this address is suspended; only the secretariat can change that."), code="member"
        )
    if membership.organization_id == organisation.pk:
        raise ValidationError(_("This colleague already has an account of your organisation."), code="member")
    raise ValidationError(
        _("This address is already a member of the consortium, individually or through another organisation."),
        code="member",
    )


def may_send(request, email):
    """Count one invitation e-mail; False once the representative or the address has had its share."""
    return spend(
        "members:invitations", request.user.pk, limit=INVITATIONS_PER_REPRESENTATIVE, period=PERIOD
    ) and spend("members:invitation-address", email.lower(), limit=INVITATIONS_PER_ADDRESS, period=24 * PERIOD)


def invite(organisation, email, *, by, language):
    """Invite ``email`` to an account of ``organisation`` and e-mail the link in ``language``
    ("ja", "en" or ``BOTH_LANGUAGES``).

    Raises ValidationError, changing nothing, when the address may not be invited or no place is left.
    The organisation's row is locked meanwhile, so two invitations at once cannot both take the last place.
    The e-mail leaves once the invitation is committed.
    """
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=organisation.pk).first()
        check_address(organisation, email)
        check_room(organisation)
        token = new_secret()
        invitation = Invitation.objects.create(
            organization=organisation,
            email=email,
            invited_by=by,
            token_hash=digest(token),
            expires_at=timezone.now() + INVITATION_MAX_AGE,
        )
        transaction.on_commit(lambda: send_invitation(invitation, token, language))
    return invitation


def invitation_url(token):
    """The link of the invitation, under the current language's prefix."""
    return settings.PORTAL_URL + reverse("members:invitation", args=[token])


def send_invitation(invitation, token, language):
    """E-mail the invitation in one language, or in both (Japanese first) when ``language`` is ``BOTH_LANGUAGES``."""
    languages = [code for code, _name in settings.LANGUAGES] if language == BOTH_LANGUAGES else [language]
    subjects, bodies = [], []
    inviter = invitation.invited_by
    for code in languages:
        with translation.override(code):
            context = {
                "invitation": invitation,
                "organisation": str(invitation.organization),
                "inviter": inviter.get_full_name() or inviter.email,
                "accept_url": invitation_url(token),
                "days": INVITATION_MAX_AGE.days,
            }
            subjects.append(render_to_string("members/email/invitation_subject.txt", context).strip())
            bodies.append(render_to_string("members/email/invitation_message.txt", context).strip())
    EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " / ".join(subjects),
        body="\n\n----------\n\n".join(bodies) + "\n",
        to=[invitation.email],
    ).send()


def revoke(invitation, *, by):
    """Revoke a pending invitation: its link stops working and its place is free again."""
    return bool(Invitation.objects.pending().filter(pk=invitation.pk).update(revoked_at=timezone.now(), revoked_by=by))


def may_accept(user):
    """Whether the signed-in ``user`` may accept an invitation: no membership, or one it may take over."""
    membership = Membership.objects.filter(user=user).only("status").first()
    return membership is None or membership.status in ACCEPTING_STATUSES


def claim(invitation, user):
    """Take up the invitation for ``user``, once: False when someone else (or a revocation) came first."""
    return bool(Invitation.objects.usable().filter(pk=invitation.pk).update(accepted_by=user))


def complete(user):
    """Make ``user`` an active member of the organisation whose invitation they took up; called when
    their address is verified (members.signals). Returns the membership, or None when there is none to make."""
    with transaction.atomic():
        invitation = (
            Invitation.objects.pending()
            .select_for_update(of=("self",))
            .filter(accepted_by=user)
            .select_related("organization", "invited_by")
            .first()
        )
        if invitation is None or not may_accept(user):
            return None
        membership = approval.admit_on_invitation(user, invitation)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
    return membership


def accept(invitation, user):
    """An existing account, signed in, accepts the invitation: it becomes a member at once."""
    with transaction.atomic():
        if not may_accept(user) or not claim(invitation, user):
            return None
        return complete(user)


def remove_colleague(organisation, membership, *, by):
    """The representative ends a colleague's membership of the organisation (never their own)."""
    if membership.organization_id != organisation.pk or membership.user_id == by.pk or not membership.is_active:
        return False
    approval.remove_by_representative(membership, by=by)
    return True


def signup_email_taken(invitation):
    """Whether the invited address has an account already, which then signs in to accept."""
    return User.objects.filter(email__iexact=invitation.email).exists()
