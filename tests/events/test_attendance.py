"""An event's attendance, counted from its check-ins (events.attendance): the rule, the event page's report
section and the activity report's yearly figures."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from events.activities import activity_report
from events.attendance import Attendance, count_attendance
from events.models import CheckIn, Event, Registration
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")


def held(**fields):
    starts = fields.pop("starts_at", timezone.now() - timedelta(days=7))
    return make_event(starts_at=starts, ends_at=starts + timedelta(hours=3), **fields)


def checked_in(event, count, mode=CheckIn.Mode.IN_PERSON):
    for _ in range(count):
        CheckIn.objects.create(registration=make_registration(event), mode=mode, method=CheckIn.Method.LIST)


@pytest.mark.parametrize(
    ("recorded_total", "recorded_online", "in_person", "online", "expected"),
    [
        (None, None, 0, 0, Attendance(0, 0, None)),
        (None, None, 40, 0, Attendance(40, 0, 40)),
        (None, None, 40, 3, Attendance(40, 3, 43)),
        (None, 120, 40, 3, Attendance(40, 120, 160)),
        (None, 0, 0, 0, Attendance(0, 0, 0)),
        (200, None, 40, 3, Attendance(40, 3, 200, overridden=True)),
        (200, 120, 0, 0, Attendance(0, 120, 200, overridden=True)),
    ],
    ids=["nothing", "in person", "both", "online recorded", "nought recorded", "total recorded", "total and online"],
)
def test_the_rule(recorded_total, recorded_online, in_person, online, expected):
    assert (
        count_attendance(
            recorded_total=recorded_total,
            recorded_online=recorded_online,
            in_person_check_ins=in_person,
            online_check_ins=online,
        )
        == expected
    )


def test_check_ins_count_per_event_and_mode_in_one_query():
    seminar, symposium = held(), held(format=Event.Format.HYBRID)
    checked_in(seminar, 3)
    checked_in(symposium, 5)
    checked_in(symposium, 2, CheckIn.Mode.ONLINE)
    make_registration(symposium)  # registered, never came
    with CaptureQueriesContext(connection) as queries:
        events = {event.pk: event.attendance_figures for event in Event.objects.with_attendance()}
    assert len(queries) == 1
    assert events[seminar.pk] == Attendance(3, 0, 3)
    assert events[symposium.pk] == Attendance(5, 2, 7)
    assert Registration.objects.checked_in().count() == 10


def test_an_event_read_without_the_counts_counts_them_when_asked():
    event = held()
    checked_in(event, 2)
    assert Event.objects.get(pk=event.pk).attendance_figures.total == 2


def test_the_event_page_reports_the_attendance_counted_from_check_ins(client):
    event = held(format=Event.Format.HYBRID)
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "Attendance" not in page
    checked_in(event, 41)
    checked_in(event, 1, CheckIn.Mode.ONLINE)
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "42 participants (41 in person, 1 online)" in page
    Event.objects.filter(pk=event.pk).update(online_attendance=80)
    page = client.get(f"/ja/events/{event.slug}/").content.decode()
    assert "121名（会場41名、オンライン80名）" in page


def test_the_number_staff_recorded_replaces_the_count(client):
    event = held(attendance=150)
    checked_in(event, 3)
    page = client.get(f"/en/events/{event.slug}/").content.decode()
    assert "150 participants</dd>" in page


def test_an_event_still_to_come_shows_no_attendance(client):
    event = make_event()
    checked_in(event, 2)
    assert "Attendance" not in client.get(f"/en/events/{event.slug}/").content.decode()


def test_the_activity_report_counts_check_ins_where_staff_recorded_no_attendance():
    def figures():
        with translation.override("en"):
            report = activity_report(2025, now=datetime(2026, 4, 10, tzinfo=TOKYO))
        section = next(section for section in report.sections if section.key == "events")
        listed = {held.title.text: held.attendance for kind in section.kinds for held in kind.events}
        return {figure.label: figure.value for figure in section.figures}, listed

    counted = held(starts_at=datetime(2025, 6, 1, 14, tzinfo=TOKYO), title_en="Counted seminar")
    recorded = held(starts_at=datetime(2025, 9, 1, 14, tzinfo=TOKYO), title_en="Recorded symposium", attendance=180)
    online = held(
        starts_at=datetime(2025, 11, 1, 14, tzinfo=TOKYO),
        title_en="Hybrid workshop",
        format=Event.Format.HYBRID,
        online_attendance=25,
    )
    held(starts_at=datetime(2025, 12, 1, 14, tzinfo=TOKYO), title_en="Unrecorded briefing")
    checked_in(counted, 12)
    checked_in(recorded, 150)
    checked_in(online, 10)
    checked_in(online, 4, CheckIn.Mode.ONLINE)

    totals, listed = figures()
    assert listed == {
        "Counted seminar": 12,
        "Recorded symposium": 180,
        "Hybrid workshop": 35,
        "Unrecorded briefing": None,
    }
    assert totals["Attendance (where recorded)"] == 12 + 180 + 35


def test_the_activity_report_reads_the_counts_without_a_query_per_event(client):
    for day in (1, 2):
        checked_in(held(starts_at=datetime(2025, 6, day, 14, tzinfo=TOKYO)), 2)
    client.get("/en/about/activities/2025/")
    with CaptureQueriesContext(connection) as before:
        client.get("/en/about/activities/2025/")
    for day in (3, 4, 5):
        checked_in(held(starts_at=datetime(2025, 6, day, 14, tzinfo=TOKYO)), 2)
    with CaptureQueriesContext(connection) as after:
        client.get("/en/about/activities/2025/")
    assert len(after) == len(before)
