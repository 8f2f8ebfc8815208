"""Registrants are told once, in their language, when an event is cancelled or its date, place or link changes."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import changes, outbox
from events.models import ChangeNotice, Event, EventMailDelivery, Registration
from events.registrations import cancel
from tests.events.conftest import make_event, make_registration
from tests.events.mail_helpers import SITE, calendar_of, only_event, send_event_mail, sent_to

pytestmark = pytest.mark.django_db
TOKYO = ZoneInfo("Asia/Tokyo")
PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def seminar():
    starts = datetime(2031, 5, 8, 13, 0, tzinfo=TOKYO)
    return make_event(
        title_ja="保存修復研究会",
        title_en="Conservation seminar",
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        format=Event.Format.HYBRID,
        online_url="https://meet.example.org/old-room",
    )


@pytest.fixture
def people(seminar):
    return {
        "ja": make_registration(seminar, name="佐藤 花子", email="hanako@example.org", language="ja"),
        "en": make_registration(seminar, name="Amira Haddad", email="amira@example.org", language="en"),
        "waiting": make_registration(
            seminar,
            name="Lucas Moreau",
            email="lucas@example.org",
            language="en",
            status=Registration.Status.WAITLISTED,
        ),
        "gone": make_registration(seminar, email="gone@example.org", status=Registration.Status.CANCELLED),
    }


def test_rescheduling_emails_each_registrant_once_in_their_language_with_what_changed(seminar, people):
    new_start = datetime(2031, 5, 15, 14, 0, tzinfo=TOKYO)
    notice = changes.update_event(seminar, starts_at=new_start, ends_at=new_start + timedelta(hours=3))
    assert notice.kind == ChangeNotice.Kind.CHANGED
    assert mail.outbox == []  # queued: the command sends it, not the save

    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amira@example.org",
        "hanako@example.org",
        "lucas@example.org",
    ]
    (japanese,) = sent_to("hanako@example.org")
    assert "保存修復研究会" in japanese.subject and "変更" in japanese.subject
    assert "佐藤 花子 様" in japanese.body
    assert "2031年5月8日13:00 – 2031年5月8日16:00 (Asia/Tokyo) → 2031年5月15日14:00" in japanese.body
    (english,) = sent_to("amira@example.org")
    assert "Conservation seminar" in english.subject and "Dear Amira Haddad," in english.body
    assert "May 8, 2031, 1 p.m. – May 8, 2031, 4 p.m. (Asia/Tokyo) → May 15, 2031, 2 p.m." in english.body
    assert f"{SITE}/en/events/{seminar.slug}/" in english.body
    for message in mail.outbox:
        method, calendar = calendar_of(message)
        assert method == "PUBLISH" and str(calendar["method"]) == "PUBLISH"
        assert only_event(calendar).decoded("dtstart") == new_start


def test_times_are_given_in_the_events_time_zone_old_and_new(seminar, people):
    starts = datetime(2031, 6, 2, 10, 0, tzinfo=PARIS)
    changes.update_event(seminar, time_zone="Europe/Paris", starts_at=starts, ends_at=starts + timedelta(hours=2))
    send_event_mail()
    (english,) = sent_to("amira@example.org")
    assert "May 8, 2031, 1 p.m. – May 8, 2031, 4 p.m. (Asia/Tokyo)" in english.body
    assert "June 2, 2031, 10 a.m. – June 2, 2031, noon (Europe/Paris)" in english.body
    component = only_event(calendar_of(english)[1])
    assert component["dtstart"].params["TZID"] == "Europe/Paris"


def test_running_the_command_twice_sends_nothing_more(seminar, people):
    changes.update_event(seminar, venue_name_ja="国立西洋美術館 講堂", venue_name_en="National Museum of Western Art")
    first = send_event_mail()
    assert "3 sent, 0 failed (sent)" in first
    count = len(mail.outbox)
    assert "Change notice" not in send_event_mail()
    assert len(mail.outbox) == count == 3
    notice = ChangeNotice.objects.get()
    assert notice.status == ChangeNotice.Status.SENT and notice.sent_count == 3 and notice.finished_at
    assert notice.deliveries.filter(status=EventMailDelivery.Status.SENT, sent_at__isnull=False).count() == 3


def test_a_venue_change_says_old_and_new_venue_in_each_language(seminar, people):
    changes.update_event(seminar, venue_name_ja="国立西洋美術館 講堂", venue_name_en="National Museum of Western Art")
    send_event_mail()
    (japanese,) = sent_to("hanako@example.org")
    assert "会場: 東京国立博物館 平成館 → 国立西洋美術館 講堂" in japanese.body
    (english,) = sent_to("amira@example.org")
    assert "Venue: Tokyo National Museum, Heiseikan → National Museum of Western Art" in english.body


def test_a_correction_in_one_language_reaches_only_its_readers(seminar, people):
    changes.update_event(seminar, venue_name_en="Tokyo National Museum, Heiseikan Hall")
    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == ["amira@example.org", "lucas@example.org"]


def test_a_new_online_link_goes_to_confirmed_registrants_only(seminar, people):
    changes.update_event(seminar, online_url="https://meet.example.org/new-room")
    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == ["amira@example.org", "hanako@example.org"]
    for message in mail.outbox:
        assert "https://meet.example.org/new-room" in message.body
        assert "old-room" not in message.body


def test_the_waiting_list_hears_of_a_new_date_but_not_of_the_new_link(seminar, people):
    new_start = seminar.starts_at + timedelta(days=1)
    changes.update_event(
        seminar, starts_at=new_start, ends_at=new_start + timedelta(hours=3), online_url="https://meet.example.org/x"
    )
    send_event_mail()
    (waiting,) = sent_to("lucas@example.org")
    assert "meet.example.org" not in waiting.body
    assert "To leave the waiting list:" in waiting.body
    assert "https://meet.example.org/x" in sent_to("amira@example.org")[0].body


def test_cancellation_emails_everyone_active_with_a_calendar_file_that_cancels_the_entry(client, seminar, people):
    public = icalendar.Calendar.from_ical(client.get(f"/en/events/{seminar.slug}.ics").content)
    published = only_event(public)
    changes.cancel_event(seminar)
    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amira@example.org",
        "hanako@example.org",
        "lucas@example.org",
    ]
    (japanese,) = sent_to("hanako@example.org")
    assert "中止" in japanese.subject
    for message in mail.outbox:
        method, calendar = calendar_of(message)
        component = only_event(calendar)
        assert method == "CANCEL" and str(calendar["method"]) == "CANCEL"
        assert str(component["status"]) == "CANCELLED"
        assert str(component["uid"]) == str(published["uid"])
        assert component["sequence"] > published["sequence"]
        assert str(component["attendee"]) == f"mailto:{message.to[0]}"
    # The public file says the same from now on.
    after = only_event(icalendar.Calendar.from_ical(client.get(f"/en/events/{seminar.slug}.ics").content))
    assert after["sequence"] == only_event(calendar_of(mail.outbox[0])[1])["sequence"]


def test_someone_who_cancels_before_the_notice_is_sent_gets_nothing(seminar, people):
    changes.cancel_event(seminar)
    cancel(people["en"], base_url=SITE)
    send_event_mail()
    assert sent_to("amira@example.org") == []
    assert len(mail.outbox) == 2


def test_someone_who_cancels_once_sending_has_started_is_skipped(seminar, people):
    notice = changes.cancel_event(seminar)
    outbox.start(outbox.NOTICES, notice)  # the rows are made: an interrupted run, say
    cancel(people["ja"], base_url=SITE)
    send_event_mail()
    assert sent_to("hanako@example.org") == []
    assert notice.deliveries.get(registration=people["ja"]).status == EventMailDelivery.Status.SKIPPED
    assert len(mail.outbox) == 2


def test_batches_send_everyone_once(seminar):
    registrants = [make_registration(seminar, language="en") for _ in range(7)]
    changes.cancel_event(seminar)
    send_event_mail(batch_size=3)
    assert sorted(message.to[0] for message in mail.outbox) == sorted(person.email for person in registrants)


def test_changes_before_sending_are_folded_into_one_notice(seminar, people):
    first = changes.update_event(seminar, venue_name_en="Heiseikan, Tokyo", venue_name_ja="平成館")
    second = changes.update_event(seminar, venue_name_en="Kuroda Memorial Hall", venue_name_ja="黒田記念館")
    assert first.pk == second.pk and ChangeNotice.objects.count() == 1
    send_event_mail()
    (english,) = sent_to("amira@example.org")
    assert "Venue: Tokyo National Museum, Heiseikan → Kuroda Memorial Hall" in english.body


def test_putting_things_back_before_sending_tells_no_one(seminar, people):
    changes.update_event(seminar, venue_name_en="Somewhere else", venue_name_ja="別の会場")
    changes.update_event(
        seminar, venue_name_en="Tokyo National Museum, Heiseikan", venue_name_ja="東京国立博物館 平成館"
    )
    assert not ChangeNotice.objects.exists()
    send_event_mail()
    assert mail.outbox == []


def test_a_change_after_sending_started_is_a_notice_of_its_own(seminar, people):
    changes.update_event(seminar, venue_name_en="Heiseikan, Tokyo")
    send_event_mail()
    changes.update_event(seminar, venue_name_en="Kuroda Memorial Hall")
    assert ChangeNotice.objects.count() == 2
    mail.outbox.clear()
    send_event_mail()
    (english,) = sent_to("amira@example.org")
    assert "Heiseikan, Tokyo → Kuroda Memorial Hall" in english.body


def test_people_who_registered_after_the_change_are_not_told_of_it(seminar, people):
    changes.update_event(seminar, venue_name_en="Kuroda Memorial Hall", venue_name_ja="黒田記念館")
    make_registration(seminar, email="late@example.org")
    send_event_mail()
    assert sent_to("late@example.org") == []


def test_reinstating_a_cancelled_event_tells_its_registrants(seminar, people):
    changes.cancel_event(seminar)
    send_event_mail()
    mail.outbox.clear()
    changes.update_event(seminar, status=Event.Status.PUBLISHED)
    send_event_mail()
    (english,) = sent_to("amira@example.org")
    assert "Going ahead after all" in english.subject
    method, calendar = calendar_of(english)
    assert method == "PUBLISH" and str(only_event(calendar)["status"]) == "CONFIRMED"


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Event.Status.DRAFT},
        {"starts_at": timezone.now() - timedelta(days=3), "ends_at": timezone.now() - timedelta(days=2)},
    ],
    ids=["draft", "over"],
)
def test_drafts_and_past_events_tell_no_one(fields):
    event = make_event(**fields)
    make_registration(event)
    changes.update_event(event, venue_name_en="Elsewhere", venue_name_ja="別の会場")
    assert not ChangeNotice.objects.exists()


def test_every_change_moves_the_calendar_sequence_on(seminar):
    changes.update_event(seminar, venue_name_en="Elsewhere")
    changes.update_event(seminar, notify=False, venue_name_en="Again elsewhere")
    seminar.refresh_from_db()
    assert seminar.calendar_sequence == 2
    changes.update_event(seminar, summary_en="Not a change registrants hear of")
    seminar.refresh_from_db()
    assert seminar.calendar_sequence == 2


def test_a_new_date_owes_the_reminder_again(seminar, people):
    Registration.objects.update(reminder_sent_at=timezone.now())
    changes.update_event(
        seminar, starts_at=seminar.starts_at + timedelta(days=7), ends_at=seminar.ends_at + timedelta(days=7)
    )
    assert not Registration.objects.filter(reminder_sent_at__isnull=False).exists()


def test_invalid_values_change_nothing(seminar, people):
    with pytest.raises(ValidationError):
        changes.update_event(seminar, time_zone="Mars/Olympus")
    seminar.refresh_from_db()
    assert seminar.time_zone == "Asia/Tokyo" and seminar.calendar_sequence == 0
    assert not ChangeNotice.objects.exists()


def test_the_old_command_name_still_sends_notices(seminar, people):
    from tests.events.test_reminders import remind

    changes.cancel_event(seminar)
    assert "Sent 0 reminder(s)." in remind()
    assert len(mail.outbox) == 3
