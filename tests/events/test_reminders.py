from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone

from events.models import Event, Registration
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db


def remind(**options):
    out = StringIO()
    call_command("send_event_reminders", base_url="https://portal.example.org", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def tomorrow():
    starts = timezone.now() + timedelta(days=1)
    return make_event(
        starts_at=starts, ends_at=starts + timedelta(hours=2), title_ja="明日の研究会", title_en="Tomorrow"
    )


def test_reminds_confirmed_registrants_once_however_often_it_runs(tomorrow):
    confirmed = make_registration(tomorrow)
    make_registration(tomorrow, status=Registration.Status.WAITLISTED)
    make_registration(tomorrow, status=Registration.Status.CANCELLED)
    assert "Sent 1 reminder(s)." in remind()
    assert "Sent 0 reminder(s)." in remind()
    assert [message.to for message in mail.outbox] == [[confirmed.email]]
    confirmed.refresh_from_db()
    assert confirmed.reminder_sent_at is not None


def test_reminder_is_in_the_registrants_language(tomorrow):
    make_registration(tomorrow, language="ja")
    make_registration(tomorrow, language="en")
    remind()
    japanese, english = sorted(mail.outbox, key=lambda message: "Tomorrow" in message.subject)
    assert "明日の研究会" in japanese.subject and "/ja/events/" in japanese.body
    assert "Tomorrow" in english.subject and "/en/events/" in english.body


def test_events_further_ahead_past_or_cancelled_are_not_reminded(tomorrow):
    later = make_event(
        starts_at=timezone.now() + timedelta(days=10), ends_at=timezone.now() + timedelta(days=10, hours=2)
    )
    begun = make_event(starts_at=timezone.now() - timedelta(hours=1), ends_at=timezone.now() + timedelta(hours=1))
    cancelled = make_event(status=Event.Status.CANCELLED, starts_at=tomorrow.starts_at, ends_at=tomorrow.ends_at)
    for event in (later, begun, cancelled):
        make_registration(event)
    assert "Sent 0 reminder(s)." in remind()
    assert "Sent 1 reminder(s)." in remind(hours=24 * 11) and len(mail.outbox) == 1


def test_base_url_must_be_an_address():
    with pytest.raises(CommandError):
        call_command("send_event_reminders", base_url="portal.example.org")
