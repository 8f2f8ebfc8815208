"""Checking people in at the door: reading a code, and marking its registration present once.

The desk reads whatever it is given: the address a QR code holds (``…/check-in/?code=<token>``), the bare
token, or a short code typed by hand, in any case, with or without its hyphen. Every refusal says why in
words the staff at the desk can act on; none changes anything.

A check-in is made under a lock on the registration: two desks scanning the same pass at once admit it
once, and the second is told when and by whom it was used.
"""

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.core import signing
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from events.models import CheckIn, CheckInPass, Event, Registration
from events.models.checkins import looks_like_token, normalise_short_code, token_signer


@dataclass(frozen=True)
class Outcome:
    """What the desk says about a code: ``kind`` is one of ``KINDS``; the rest as the kind has them."""

    kind: str
    registration: Registration | None = None
    check_in: CheckIn | None = None
    method: str = ""

    @property
    def admitted(self):
        return self.kind == "checked_in"

    @property
    def may_check_in(self):
        """A code that would be admitted: the desk shows whose it is and asks to confirm."""
        return self.kind == "ready"

    @property
    def message(self):
        return MESSAGES[self.kind](self)


def _when(moment, event):
    return formats.date_format(timezone.localtime(moment, event.zone), "DATETIME_FORMAT")


def _already(outcome):
    check_in = outcome.check_in
    when = _when(check_in.checked_in_at, outcome.registration.event)
    if check_in.checked_in_by is None:
        return _("Already checked in on %(when)s.") % {"when": when}
    return _("Already checked in on %(when)s by %(staff)s.") % {"when": when, "staff": check_in.staff_name}


def _other_event(outcome):
    event = outcome.registration.event
    return _("This code is for another event: “%(title)s” on %(date)s. Nobody has been checked in.") % {
        "title": event.title,
        "date": formats.date_format(timezone.localtime(event.starts_at, event.zone), "DATE_FORMAT"),
    }


def _cancelled(outcome):
    registration = outcome.registration
    if registration.cancelled_at is None:
        return _("This registration has been cancelled. Nobody has been checked in.")
    return _("This registration was cancelled on %(when)s. Nobody has been checked in.") % {
        "when": _when(registration.cancelled_at, registration.event)
    }


MESSAGES = {
    "ready": lambda outcome: _("This code is valid and not yet used. Check the person in?"),
    "checked_in": lambda outcome: _("%(name)s is checked in.") % {"name": outcome.registration.name},
    "already": _already,
    "empty": lambda outcome: _("Enter or scan a code."),
    "malformed": lambda outcome: _(
        "This is not a check-in code. A short code has 8 letters and digits, such as K7QF-3M9X."
    ),
    "forged": lambda outcome: _(
        "This code has been altered or was not issued by the portal. "
        "Ask for the short code in the person's e-mail, or find them in the list of registrants."
    ),
    "unknown": lambda outcome: _(
        "No registration has this code. Check it and try again, or find the person in the list of registrants."
    ),
    "other_event": _other_event,
    "cancelled": _cancelled,
    "waitlisted": lambda outcome: _(
        "This person is on the waiting list: their place is not confirmed. Nobody has been checked in."
    ),
    "event_cancelled": lambda outcome: _("This event has been cancelled: nobody can be checked in."),
}
KINDS = set(MESSAGES)


def token_in(text):
    """The token in ``text``: the text itself, or the ``code`` of the address a QR code holds."""
    if "?" in text and "://" in text:
        return (parse_qs(urlsplit(text).query).get("code") or [""])[0]
    return text


def find(text):
    """(pass, method) for a scanned or typed code, or (refusal kind, method) when it names no pass."""
    text = token_in((text or "").strip())
    if not text:
        return "empty", ""
    if looks_like_token(text):
        try:
            nonce = token_signer().unsign(text)
        except signing.BadSignature:
            return "forged", CheckIn.Method.QR_CODE
        return CheckInPass.objects.for_nonce(nonce) or "unknown", CheckIn.Method.QR_CODE
    code = normalise_short_code(text)
    if code is None:
        return "malformed", CheckIn.Method.SHORT_CODE
    return CheckInPass.objects.for_short_code(code) or "unknown", CheckIn.Method.SHORT_CODE


def _refusal(event, registration):
    """Why ``registration`` cannot be checked in at ``event`` now, or None when it can."""
    if registration.event_id != event.pk:
        return "other_event"
    if event.is_cancelled:
        return "event_cancelled"
    if registration.status == Registration.Status.CANCELLED:
        return "cancelled"
    if registration.status != Registration.Status.CONFIRMED:
        return "waitlisted"
    return None


def examine(event, text):
    """What checking ``text`` in at ``event`` would do, changing nothing: "ready", or why not."""
    found, method = find(text)
    if isinstance(found, str):
        return Outcome(found, method=method)
    return _examined(event, found.registration, method)


def _examined(event, registration, method):
    refusal = _refusal(event, registration)
    if refusal is not None:
        return Outcome(refusal, registration, method=method)
    check_in = CheckIn.objects.select_related("checked_in_by").filter(registration=registration).first()
    if check_in is not None:
        return Outcome("already", registration, check_in, method)
    return Outcome("ready", registration, method=method)


def check_in(event, text, *, by):
    """Check in the registration a scanned or typed code names, at ``event``; the Outcome says what happened."""
    found, method = find(text)
    if isinstance(found, str):
        return Outcome(found, method=method)
    return admit(event, found.registration, by=by, method=method)


def admit(event, registration, *, by, method, mode=CheckIn.Mode.IN_PERSON):
    """Mark ``registration`` present at ``event`` unless it was already, or may not be; returns the Outcome."""
    with transaction.atomic():
        event = Event.objects.get(pk=event.pk)
        registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
        outcome = _examined(event, registration, method)
        if outcome.kind != "ready":
            return outcome
        check_in = CheckIn.objects.create(registration=registration, mode=mode, method=method, checked_in_by=by)
    return Outcome("checked_in", registration, check_in, method)
