"""The members app's sections of a person's data (``members.personal_data``): the account, its addresses,
the membership and its history, committees, consents and the e-mail news received; and what closing the
account does to each, as the privacy policy says.

Closing keeps the membership's history (statuses and dates: the consortium's record of who was a member
when), without the texts the person wrote; seats on committees end; the records that held an address
(consents, e-mail news deliveries, invitations) keep only the account's placeholder address.
"""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from members import approval
from members.models import (
    CommitteeRequest,
    CommitteeSeat,
    Consent,
    Invitation,
    Membership,
    NewsDelivery,
    Organization,
)
from members.personal_data import any_address, section, verified_addresses


def _close_invitations(closing):
    """Invitations sent to the account's addresses: revoked while open, and kept with the placeholder address.
    The login itself, addresses, factors and sessions are ``members.closing``'s to remove, last."""
    invitations = Invitation.objects.filter(any_address(closing.addresses))
    invitations.filter(accepted_by__isnull=True, revoked_at__isnull=True).update(revoked_at=closing.now)
    invitations.update(email=closing.placeholder)


@section(
    "account",
    _("Account"),
    order=10,
    close=_close_invitations,
    fields=[
        ("email", _("E-mail address")),
        ("last_name", _("Family name")),
        ("first_name", _("Given name")),
        ("language", _("Preferred language")),
        ("date_joined", _("Account created")),
        ("last_login", _("Last sign-in")),
        ("second_factors", _("Second factors")),
    ],
)
def account(user):
    factors = Authenticator.objects.filter(user=user).order_by("created_at")
    return [
        {
            "email": user.email,
            "last_name": user.last_name,
            "first_name": user.first_name,
            "language": user.get_language_display(),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "second_factors": [factor.get_type_display() for factor in factors],
        }
    ]


@section(
    "email_addresses",
    _("E-mail addresses"),
    order=11,
    fields=[("email", _("E-mail address")), ("primary", _("Primary")), ("verified", _("Verified"))],
)
def email_addresses(user):
    return EmailAddress.objects.filter(user=user).order_by("-primary", "email").values("email", "primary", "verified")


def _close_membership(closing):
    membership = Membership.objects.filter(user=closing.user).first()
    if membership is None:
        return
    approval.end_on_account_closing(membership)
    membership.history.update(statement="", leaving_note="", decision_note="")


@section(
    "membership",
    _("Membership"),
    order=20,
    close=_close_membership,
    fields=[
        ("kind", _("Kind of membership")),
        ("status", _("Status")),
        ("organisation", _("Organisation")),
        ("organisation_as_typed", _("Organisation, if not in the list")),
        ("statement", _("Statement")),
        ("news_opt_in", _("Receives the e-mail news")),
        ("applied_at", _("Applied")),
        ("decided_at", _("Decided")),
        ("decision_note", _("Message from the secretariat")),
        ("leaving_note", _("Reason given on leaving")),
    ],
)
def membership(user):
    found = Membership.objects.filter(user=user).select_related("organization").first()
    if found is None:
        return []
    return [
        {
            "kind": found.get_kind_display(),
            "status": found.get_status_display(),
            "organisation": str(found.organization) if found.organization else "",
            "organisation_as_typed": found.organization_name,
            "statement": found.statement,
            "news_opt_in": found.news_opt_in,
            "applied_at": found.applied_at,
            "decided_at": found.decided_at,
            "decision_note": found.decision_note,
            "leaving_note": found.leaving_note,
        }
    ]


@section(
    "membership_history",
    _("History of the membership"),
    order=21,
    fields=[("date", _("Date")), ("status", _("Status")), ("kind", _("Kind of membership"))],
)
def membership_history(user):
    found = Membership.objects.filter(user=user).first()
    if found is None:
        return []
    return [
        {"date": record.history_date, "status": record.get_status_display(), "kind": record.get_kind_display()}
        for record in found.history.order_by("history_date", "history_id")
    ]


def _close_committees(closing):
    CommitteeSeat.objects.filter(user=closing.user).delete()
    requests = CommitteeRequest.objects.filter(user=closing.user)
    requests.filter(status=CommitteeRequest.Status.PENDING).update(
        status=CommitteeRequest.Status.WITHDRAWN, decided_at=closing.now
    )
    requests.update(message="")
    CommitteeRequest.history.filter(user=closing.user).update(message="")
    Organization.objects.filter(representative=closing.user).update(representative=None)


@section(
    "committee_seats",
    _("Committees"),
    order=30,
    close=_close_committees,
    fields=[("committee", _("Committee")), ("role", _("Role")), ("since", _("Since"))],
)
def committee_seats(user):
    seats = CommitteeSeat.objects.filter(user=user).select_related("committee").order_by("since", "pk")
    return [{"committee": str(seat.committee), "role": seat.get_role_display(), "since": seat.since} for seat in seats]


@section(
    "committee_requests",
    _("Requests to join or leave committees"),
    order=31,
    fields=[
        ("committee", _("Committee")),
        ("action", _("Request")),
        ("status", _("Status")),
        ("message", _("Message to the secretariat")),
        ("created_at", _("Asked")),
        ("decided_at", _("Decided")),
    ],
)
def committee_requests(user):
    requests = CommitteeRequest.objects.filter(user=user).select_related("committee").order_by("created_at", "pk")
    return [
        {
            "committee": str(request.committee),
            "action": request.get_action_display(),
            "status": request.get_status_display(),
            "message": request.message,
            "created_at": request.created_at,
            "decided_at": request.decided_at,
        }
        for request in requests
    ]


def _own_consents(user, addresses):
    """The account's consents, and those its verified addresses gave on public event registrations."""
    return Consent.objects.filter(Q(user=user) | (Q(user__isnull=True) & any_address(addresses)))


def _close_consents(closing):
    """Consents stay, as the record of what was agreed to and when, with the account's placeholder address."""
    _own_consents(closing.user, closing.addresses).update(email=closing.placeholder)


@section(
    "consents",
    _("Consents to the privacy policy and terms of use"),
    order=40,
    close=_close_consents,
    fields=[
        ("given_at", _("When")),
        ("context", _("Given at")),
        ("subject", _("About")),
        ("email", _("E-mail address")),
        ("privacy_version", _("Privacy policy version")),
        ("terms_version", _("Terms of use version")),
        ("language", _("Language")),
    ],
)
def consents(user):
    return [
        {
            "given_at": consent.given_at,
            "context": consent.get_context_display(),
            "subject": consent.subject,
            "email": consent.email,
            "privacy_version": consent.privacy_version,
            "terms_version": consent.terms_version,
            "language": consent.get_language_display(),
        }
        for consent in _own_consents(user, verified_addresses(user)).order_by("given_at", "pk")
    ]


def _close_news_deliveries(closing):
    """The deliveries stay (an issue's count of recipients) with the account's placeholder address."""
    NewsDelivery.objects.filter(user=closing.user).update(email=closing.placeholder)


@section(
    "news_received",
    _("E-mail news sent to you"),
    order=50,
    close=_close_news_deliveries,
    fields=[("issue", _("Issue")), ("email", _("Sent to")), ("status", _("Status")), ("sent_at", _("Sent"))],
)
def news_received(user):
    deliveries = NewsDelivery.objects.filter(user=user).select_related("issue").order_by("pk")
    return [
        {
            "issue": str(delivery.issue),
            "email": delivery.email,
            "status": delivery.get_status_display(),
            "sent_at": delivery.sent_at,
        }
        for delivery in deliveries
    ]
