"""iCalendar files: one per event, and a feed of upcoming events.

Times are written in the event's own time zone, with the VTIMEZONE that
describes it, so a calendar shows a Paris seminar at its Paris time and
converts it correctly for a reader in Tokyo.
"""

import icalendar
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
    return component


def calendar(events, *, absolute_url, host, name):
    """The events as an iCalendar file (bytes); ``absolute_url(path)`` makes their links absolute."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(event_component(event, url=absolute_url(event.get_absolute_url()), host=host))
    cal.add_missing_timezones()
    return cal.to_ical()
