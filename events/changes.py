"""Telling registrants when an event is cancelled, or its date, place or online link changes.

Staff change an event in the admin, and code through ``update_event``; both save it
inside ``noticing``, which locks the event's row, compares the values of ``TRACKED``
before and after and, when registrants should hear of the difference, queues a
``ChangeNotice``. The sending command (``send_event_mail``) sends it later, in batches,
so saving an event with 200 registrants takes no longer than saving one with none.

A change made while an earlier notice of the same event still waits is folded into
it: staff who correct a slip before the next run send one e-mail, and none when they
put things back as they were. Every change of these values also moves the event's
calendar SEQUENCE on, so a calendar replaces the entry it holds.
"""

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from consortium.bilingual import LANGUAGE_CODES, localized
from events.models import ChangeNotice, Event, Registration

WHEN = ("starts_at", "ends_at", "time_zone")
WHERE = ("format", "venue_name_ja", "venue_name_en", "venue_address_ja", "venue_address_en")
TRACKED = ("status", *WHEN, *WHERE, "online_url")
ANNOUNCED = (Event.Status.PUBLISHED, Event.Status.CANCELLED)


def snapshot(event):
    """The tracked values of ``event`` as JSON-ready values: times in UTC, so equal instants compare equal."""
    return {name: _plain(getattr(event, name)) for name in TRACKED}


def _plain(value):
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def as_event(values):
    """An unsaved Event holding a snapshot's values, to describe the event as it was then."""
    fields = {name: value for name, value in values.items() if name in TRACKED}
    for name in ("starts_at", "ends_at"):
        fields[name] = datetime.fromisoformat(fields[name])
    return Event(**fields)


@dataclass(frozen=True)
class Line:
    """One thing that changed, in the reader's language: ``old`` is empty when there is nothing to compare."""

    label: str
    old: str
    new: str


def _when(event):
    zone = event.zone
    starts = formats.date_format(event.starts_at.astimezone(zone), "DATETIME_FORMAT")
    ends = formats.date_format(event.ends_at.astimezone(zone), "DATETIME_FORMAT")
    return f"{starts} – {ends} ({event.time_zone})"


def _venue(event, language):
    if not event.has_venue:
        return ""
    parts = [localized(event, "venue_name", language).text, localized(event, "venue_address", language).text]
    return ", ".join(part for part in parts if part)


def what_changed(before, after, language, *, confirmed):
    """What a registrant who reads ``language`` is told changed between two snapshots, as Lines in that language.

    Only what they would see: a reader of Japanese does not hear that the English name of the venue was
    corrected, and only confirmed registrants, who alone are given the online link, hear of a new one.
    """
    old, new = as_event(before), as_event(after)
    lines = []
    with translation.override(language):
        if any(before[name] != after[name] for name in WHEN) and _when(old) != _when(new):
            lines.append(Line(gettext("Date"), _when(old), _when(new)))
        if old.format != new.format:
            lines.append(Line(gettext("Format"), str(old.get_format_display()), str(new.get_format_display())))
        if new.has_venue and _venue(old, language) != _venue(new, language):
            lines.append(Line(gettext("Venue"), _venue(old, language), _venue(new, language)))
        if confirmed and new.is_online and new.online_url and new.online_url != old.online_url:
            lines.append(Line(gettext("New online meeting link (please do not share it)"), "", new.online_url))
    return lines


def kind_of(before, after, now=None):
    """What registrants are told of a change from ``before`` to ``after``: a ChangeNotice.Kind, or None.

    Nothing for events that were never announced (no one could register) or are over (a correction
    of the record), for unpublishing, and for edits of an event that stays cancelled.
    """
    if before == after or before["status"] not in ANNOUNCED:
        return None
    if datetime.fromisoformat(before["ends_at"]) <= (now or timezone.now()):
        return None
    if after["status"] == Event.Status.CANCELLED:
        return ChangeNotice.Kind.CANCELLED if before["status"] == Event.Status.PUBLISHED else None
    if after["status"] != Event.Status.PUBLISHED:
        return None
    if before["status"] == Event.Status.CANCELLED:
        return ChangeNotice.Kind.REINSTATED
    if any(what_changed(before, after, code, confirmed=True) for code in LANGUAGE_CODES):
        return ChangeNotice.Kind.CHANGED
    return None


def tells(notice, language, *, confirmed):
    """Whether a registrant reading ``language`` (confirmed or on the waiting list) has anything to hear of."""
    if notice.kind != ChangeNotice.Kind.CHANGED:
        return True
    return bool(what_changed(notice.before, notice.after, language, confirmed=confirmed))


def record(event, before, after, *, by=None, now=None):
    """Queue a notice of the change from ``before`` to ``after``; the caller holds the event's lock.

    A notice of the same event still waiting to be sent takes the change instead (and is dropped
    when, all told, there is nothing left to tell). Returns the notice queued, or None.
    """
    waiting = ChangeNotice.objects.select_for_update().filter(event=event, status=ChangeNotice.Status.QUEUED).first()
    if waiting is not None:
        before = waiting.before
    kind = kind_of(before, after, now)
    if kind is None:
        if waiting is not None:
            waiting.delete()
        return None
    if waiting is None:
        return ChangeNotice.objects.create(event=event, kind=kind, before=before, after=after, created_by=by)
    waiting.kind, waiting.after = kind, after
    waiting.created_by = by or waiting.created_by
    waiting.save(update_fields=["kind", "after", "created_by", "changed_at"])
    return waiting


@dataclass
class Noticed:
    """What ``noticing`` did: the notice queued (None when there was nothing to tell, or telling was off)."""

    notice: ChangeNotice | None = None
    changed: bool = False


@contextmanager
def noticing(event, *, by=None, notify=True):
    """Save the edited ``event`` inside this block to have its registrants told of what changed.

    The event's row is locked for the block. Afterwards, if a tracked value changed, the calendar
    SEQUENCE moves on, reminders already sent for an old date are owed again, and (unless ``notify``
    is false) a change notice is queued. Yields a Noticed, filled in when the block ends.
    """
    result = Noticed()
    with transaction.atomic():
        before = snapshot(Event.objects.select_for_update().only(*TRACKED).get(pk=event.pk))
        yield result
        after = snapshot(event)
        if after == before:
            return
        result.changed = True
        Event.objects.filter(pk=event.pk).update(calendar_sequence=F("calendar_sequence") + 1)
        event.refresh_from_db(fields=["calendar_sequence"])
        if after["starts_at"] != before["starts_at"]:
            Registration.objects.filter(event=event, reminder_sent_at__isnull=False).update(reminder_sent_at=None)
        if notify:
            result.notice = record(event, before, after, by=by)


def update_event(event, *, by=None, notify=True, **values):
    """Set ``values`` on ``event``, validate and save it, and tell its registrants of the change as the admin does.

    Returns the change notice queued, or None. Invalid values raise ValidationError and change nothing.
    """
    try:
        with noticing(event, by=by, notify=notify) as result:
            for name, value in values.items():
                setattr(event, name, value)
            event.full_clean()
            event.save()
    except ValidationError:
        event.refresh_from_db()
        raise
    return result.notice


def cancel_event(event, *, by=None):
    """Cancel ``event``; everyone registered or waiting is told, with a calendar file that removes it."""
    return update_event(event, by=by, status=Event.Status.CANCELLED)
