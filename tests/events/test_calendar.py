from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events.models import Event
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db
PARIS = ZoneInfo("Europe/Paris")


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_parses_and_carries_the_events_own_time_zone(client):
    starts = datetime(2030, 6, 12, 14, 0, tzinfo=PARIS)
    event = make_event(
        title_en="Seminar in Paris", time_zone="Europe/Paris", starts_at=starts, ends_at=starts + timedelta(hours=2)
    )
    calendar = parse(client.get(f"/en/events/{event.slug}.ics"))
    (component,) = calendar.walk("VEVENT")
    assert str(component["summary"]) == "Seminar in Paris"
    assert component["dtstart"].params["TZID"] == "Europe/Paris"
    assert component.decoded("dtstart") == starts
    assert component.decoded("dtstart").utcoffset() == timedelta(hours=2)
    assert component.decoded("dtend") == starts + timedelta(hours=2)
    assert [zone["TZID"] for zone in calendar.walk("VTIMEZONE")] == ["Europe/Paris"]
    assert f"http://testserver/en/events/{event.slug}/" in str(component["url"])


def test_event_ics_in_japanese_carries_the_japanese_title(client):
    event = make_event(title_ja="年次シンポジウム")
    (component,) = parse(client.get(f"/ja/events/{event.slug}.ics")).walk("VEVENT")
    assert str(component["summary"]) == "年次シンポジウム"
    assert component["dtstart"].params["TZID"] == "Asia/Tokyo"


def test_cancelled_event_ics_says_so(client):
    event = make_event(status=Event.Status.CANCELLED)
    (component,) = parse(client.get(f"/en/events/{event.slug}.ics")).walk("VEVENT")
    assert str(component["status"]) == "CANCELLED"


def test_draft_event_has_no_ics(client):
    event = make_event(status=Event.Status.DRAFT)
    assert client.get(f"/en/events/{event.slug}.ics").status_code == 404


def test_calendar_feed_lists_upcoming_announced_events_only(client):
    make_event(title_en="Coming seminar")
    make_event(title_en="Paris workshop", time_zone="Europe/Paris")
    make_event(title_en="Unannounced draft", status=Event.Status.DRAFT)
    make_event(
        title_en="Last year's symposium",
        starts_at=timezone.now() - timedelta(days=365),
        ends_at=timezone.now() - timedelta(days=364),
    )
    calendar = parse(client.get("/en/events/calendar.ics"))
    titles = {str(component["summary"]) for component in calendar.walk("VEVENT")}
    assert titles == {"Coming seminar", "Paris workshop"}
    assert {zone["TZID"] for zone in calendar.walk("VTIMEZONE")} == {"Asia/Tokyo", "Europe/Paris"}
