"""Helpers for the tests of change notices and messages to registrants: run the sending command, read what it sent."""

from io import StringIO

import icalendar
from django.core import mail
from django.core.management import call_command

SITE = "http://testserver"


def send_event_mail(**options):
    """Run the sending command with the test client's address for links; return its output."""
    out = StringIO()
    call_command("send_event_mail", base_url=SITE, stdout=out, **options)
    return out.getvalue()


def sent_to(address):
    """The e-mails the outbox holds for ``address``."""
    return [message for message in mail.outbox if message.to == [address]]


def calendar_of(message):
    """The calendar file attached to ``message``: (its METHOD parameter on the MIME part, the parsed calendar)."""
    (part,) = [part for part in message.attachments if part.get_content_type() == "text/calendar"]
    return part.get_param("method"), icalendar.Calendar.from_ical(part.get_content())


def only_event(calendar):
    (component,) = calendar.walk("VEVENT")
    return component
