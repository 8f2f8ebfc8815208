"""The e-mails of change notices and staff messages, each in the registrant's own language.

The sending command renders them (``events.outbox``) with the portal's public address
for links; the admin's preview renders a message the same way.
"""

from email.message import MIMEPart
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation

from consortium.bilingual import localized
from events import changes, ical
from events.models import ChangeNotice, Registration
from events.tokens import MANAGE_GRACE, manage_url


def _subject(text):
    return getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") + " ".join(text.split())


def _links(event, registration, base_url):
    """The event's page and, while it still opens, the registrant's page to cancel."""
    expired = event.ends_at + MANAGE_GRACE < timezone.now()
    return {
        "event_url": base_url + event.get_absolute_url(),
        "manage_url": "" if expired else base_url + manage_url(registration),
    }


def _calendar_part(event, registration, base_url):
    body, method = ical.registrant_calendar(
        event,
        url=base_url + event.get_absolute_url(),
        host=urlsplit(base_url).netloc,
        attendee=registration.email,
    )
    part = MIMEPart()
    part.set_content(
        body.decode(),
        subtype="calendar",
        params={"method": method},
        disposition="attachment",
        filename=f"{event.slug}.ics",
    )
    return part


def notice_email(notice, registration, base_url):
    """The e-mail telling ``registration``'s registrant of ``notice``, with a calendar file that replaces
    (or, for a cancellation, removes) the event in their calendar. ``notice.event`` is the event as it is now.
    """
    event = notice.event
    language = registration.language
    confirmed = registration.status == Registration.Status.CONFIRMED
    with translation.override(language):
        lines = []
        if notice.kind != ChangeNotice.Kind.CANCELLED:
            lines = changes.what_changed(notice.before, notice.after, language, confirmed=confirmed)
        context = {
            "notice": notice,
            "event": event,
            "registration": registration,
            "confirmed": confirmed,
            "lines": lines,
            **_links(event, registration, base_url),
        }
        subject = render_to_string("events/email/change_notice_subject.txt", context)
        body = render_to_string("events/email/change_notice.txt", context)
        calendar = _calendar_part(event, registration, base_url)
    message = EmailMessage(subject=_subject(subject), body=body, to=[registration.email])
    message.attach(calendar)
    return message


def message_email(message, registration, base_url):
    """Staff's ``message`` as ``registration``'s registrant receives it: in their language, else in the other."""
    event = message.event
    with translation.override(registration.language):
        language = message.written_in(registration.language)
        context = {
            "event": event,
            "registration": registration,
            "text": localized(message, "body", language),
            **_links(event, registration, base_url),
        }
        body = render_to_string("events/email/event_message.txt", context)
    return EmailMessage(
        subject=_subject(localized(message, "subject", language).text), body=body, to=[registration.email]
    )
