"""iCalendar files: one per event, and a feed of upcoming events.

Times are written in the event's own time zone, with the VTIMEZONE that
describes it, so a calendar shows a Paris seminar at its Paris time and
converts it correctly for a reader in Tokyo. An event keeps its UID for good;
its SEQUENCE moves on with each change of date, place or status, so the file
of a changed event replaces the entry a calendar holds.
"""

from email.utils import parseaddr

import icalendar
from django.conf import settings
from django.utils.translation import gettext

from consortium.bilingual import localized

PRODID = "-//JCIC-Heritage//Events//EN"


def _location(event):
    if not event.has_venue:
        return gettext("Online")
    parts = [localized(event, "venue_name").text, localized(event, "venue_address").text]
    return ", ".join(part for part in parts if part)


def event_component(event, *, url, host):
    component = icalendar.Event()
    component.add("uid", f"event-{event.pk}@{host}")
    component.add("dtstamp", event.updated_at)
    component.add("last-modified", event.updated_at)
    component.add("dtstart", event.starts_at.astimezone(event.zone))
    component.add("dtend", event.ends_at.astimezone(event.zone))
    component.add("summary", localized(event, "title").text)
    summary = localized(event, "summary").text
    component.add("description", f"{summary}\n\n{url}" if summary else url)
    component.add("location", _location(event))
    component.add("url", url)
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    component.add("sequence", event.calendar_sequence)
    return component


def _new_calendar(name, method=None):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    cal.add("x-wr-calname", name)
    return cal


def calendar(events, *, absolute_url, host, name):
    """The events as an iCalendar file (bytes); ``absolute_url(path)`` makes their links absolute."""
    cal = _new_calendar(name)
    for event in events:
        cal.add_component(event_component(event, url=absolute_url(event.get_absolute_url()), host=host))
    cal.add_missing_timezones()
    return cal.to_ical()


def registrant_calendar(event, *, url, host, attendee):
    """The file a change notice carries to the registrant ``attendee`` (an e-mail address): (bytes, method).

    It replaces the entry their calendar holds (same UID, a higher SEQUENCE; METHOD:PUBLISH) or, once the
    event is cancelled, removes it (METHOD:CANCEL, STATUS:CANCELLED, with the organiser and attendee that
    RFC 5546 asks of a cancellation).
    """
    method = "CANCEL" if event.is_cancelled else "PUBLISH"
    cal = _new_calendar(localized(event, "title").text, method)
    component = event_component(event, url=url, host=host)
    if event.is_cancelled:
        organizer = icalendar.vCalAddress(f"mailto:{parseaddr(settings.DEFAULT_FROM_EMAIL)[1]}")
        organizer.params["cn"] = icalendar.vText(
            gettext("Consortium for International Cooperation in Cultural Heritage")
        )
        component.add("organizer", organizer)
        component.add("attendee", icalendar.vCalAddress(f"mailto:{attendee}"))
    cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical(), method
