"""E-mails to registrants, each in the registrant's own language.

Links must work from a mail client, so every address is absolute: views pass
their own scheme and host, the reminder command the site's public address.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from events import passes
from events.models import PendingRegistration
from events.tokens import confirmation_url, manage_url


def _send(template, *, to, language, context, attachments=()):
    with translation.override(language):
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    EmailMessage(prefix + " ".join(subject.split()), body, None, [to], attachments=list(attachments)).send()


def _registration_context(registration, base_url):
    event = registration.event
    return {
        "event": event,
        "registration": registration,
        "event_url": base_url + event.get_absolute_url(),
        "manage_url": base_url + manage_url(registration),
        "online_url": event.online_url
        if registration.status == registration.Status.CONFIRMED and event.is_online
        else "",
    }


def _send_about(registration, template, base_url):
    language = registration.language
    with translation.override(language):
        context = _registration_context(registration, base_url)
    # A confirmed place comes with the pass to check in with: its short code, and its QR code attached.
    check_in, attachments = passes.for_email(registration, base_url)
    _send(template, to=registration.email, language=language, context=context | check_in, attachments=attachments)


def send_confirmation_request(event, *, base_url, name, email, affiliation, language, answers=None, consent=None):
    """Ask a member of the public to prove their address before a place is taken for them.

    Their details, answers and the policy versions they agreed to (``consent``) wait on the server; the
    link carries only a random secret.
    """
    token = PendingRegistration.objects.issue(
        event,
        name=name,
        email=email,
        affiliation=affiliation,
        language=language,
        answers=answers,
        consent=consent,
    )
    with translation.override(language):
        context = {"event": event, "confirm_url": base_url + confirmation_url(token)}
    _send("confirm_address", to=email, language=language, context=context)


def send_registration_notice(registration, base_url):
    """A confirmed place or a place on the waiting list, with the link to cancel."""
    template = "registered" if registration.status == registration.Status.CONFIRMED else "waitlisted"
    _send_about(registration, template, base_url)


def send_promotion(registration, base_url):
    _send_about(registration, "promoted", base_url)


def send_reminder(registration, base_url):
    _send_about(registration, "reminder", base_url)
