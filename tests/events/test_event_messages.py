"""Staff messages to an event's registrants: who receives them, in which language, each once, in batches."""

from dataclasses import replace

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from events import audiences, outbox
from events.models import (
    Event,
    EventMailDelivery,
    EventMessage,
    Registration,
    RegistrationAnswer,
    RegistrationQuestion,
)
from events.questions import QuestionKind, parse_options
from events.registrations import cancel
from tests.events.conftest import make_event, make_registration
from tests.events.mail_helpers import SITE, send_event_mail, sent_to

pytestmark = pytest.mark.django_db
Audience = EventMessage.Audience


def make_message(event, **fields):
    defaults = {
        "subject_ja": "会場へのアクセスについて",
        "body_ja": "最寄り駅は上野駅です。",
        "subject_en": "Getting to the venue",
        "body_en": "The nearest station is Ueno.",
        "status": EventMessage.Status.QUEUED,
    }
    return EventMessage.objects.create(event=event, **(defaults | fields))


@pytest.fixture
def event():
    return make_event(title_ja="年次シンポジウム", title_en="Annual symposium", format=Event.Format.HYBRID)


@pytest.fixture
def people(event):
    return {
        "ja": make_registration(event, name="佐藤 花子", email="hanako@example.org", language="ja"),
        "en": make_registration(event, name="Amira Haddad", email="amira@example.org", language="en"),
        "waiting": make_registration(
            event, email="lucas@example.org", language="en", status=Registration.Status.WAITLISTED
        ),
        "gone": make_registration(event, email="gone@example.org", status=Registration.Status.CANCELLED),
    }


def addresses(registrations):
    return sorted(registration.email for registration in registrations)


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (Audience.ALL, ["amira@example.org", "hanako@example.org", "lucas@example.org"]),
        (Audience.CONFIRMED, ["amira@example.org", "hanako@example.org"]),
        (Audience.WAITLISTED, ["lucas@example.org"]),
        (Audience.IN_PERSON, ["amira@example.org", "hanako@example.org"]),
        (Audience.ONLINE, ["amira@example.org", "hanako@example.org"]),
    ],
)
def test_audiences_of_a_hybrid_event(event, people, audience, expected):
    assert addresses(audiences.recipients(make_message(event, audience=audience))) == expected


@pytest.mark.parametrize(
    ("event_format", "in_person", "online"),
    [(Event.Format.IN_PERSON, 1, 0), (Event.Format.ONLINE, 0, 1)],
)
def test_without_an_answer_the_events_format_says_how_people_attend(event_format, in_person, online):
    event = make_event(format=event_format)
    make_registration(event)
    make_registration(event, status=Registration.Status.WAITLISTED)
    assert audiences.recipients(make_message(event, audience=Audience.IN_PERSON)).count() == in_person
    assert audiences.recipients(make_message(event, audience=Audience.ONLINE)).count() == online


def test_the_answer_to_how_they_attend_decides_over_the_events_format(event, people):
    question = RegistrationQuestion.objects.create(
        event=event,
        kind=QuestionKind.ONE_CHOICE,
        label_ja="参加方法",
        label_en="How will you attend?",
        options=parse_options("in_person | 会場で参加 | In person\nonline | オンラインで参加 | Online"),
    )
    RegistrationAnswer.objects.create(registration=people["ja"], question=question, value="online")
    no_answer = make_registration(event, email="kofi@example.org", language="en")
    assert addresses(audiences.recipients(make_message(event, audience=Audience.ONLINE))) == [
        "amira@example.org",
        "hanako@example.org",
        no_answer.email,
    ]
    assert addresses(audiences.recipients(make_message(event, audience=Audience.IN_PERSON))) == [
        "amira@example.org",
        no_answer.email,
    ]


def test_each_recipient_gets_the_message_once_in_their_language(event, people):
    message = make_message(event)
    output = send_event_mail()
    assert f"Message {message.pk} of event {event.pk}: 3 sent, 0 failed (sent)." in output
    (japanese,) = sent_to("hanako@example.org")
    assert japanese.subject == "[JCIC-Heritage] 会場へのアクセスについて"
    assert "佐藤 花子 様" in japanese.body and "最寄り駅は上野駅です。" in japanese.body
    assert "「年次シンポジウム」にご登録いただいた方" in japanese.body
    (english,) = sent_to("amira@example.org")
    assert english.subject == "[JCIC-Heritage] Getting to the venue"
    assert "The nearest station is Ueno." in english.body and f"{SITE}/en/events/registration/" in english.body
    (waiting,) = sent_to("lucas@example.org")
    assert "To leave the waiting list:" in waiting.body
    assert sent_to("gone@example.org") == []


def test_a_message_written_in_one_language_reaches_everyone_in_it(event, people):
    make_message(event, subject_ja="", body_ja="")
    send_event_mail()
    (japanese,) = sent_to("hanako@example.org")
    assert japanese.subject == "[JCIC-Heritage] Getting to the venue"
    assert "The nearest station is Ueno." in japanese.body
    assert "佐藤 花子 様" in japanese.body  # the greeting and footer stay in the reader's language


def test_running_the_command_twice_sends_nothing_more(event, people):
    message = make_message(event)
    send_event_mail()
    send_event_mail()
    assert len(mail.outbox) == 3
    message.refresh_from_db()
    assert message.status == EventMessage.Status.SENT and message.sent_count == 3 and message.finished_at
    log = message.deliveries.values_list("email", "language", "status")
    assert sorted(log) == [
        ("amira@example.org", "en", "sent"),
        ("hanako@example.org", "ja", "sent"),
        ("lucas@example.org", "en", "sent"),
    ]
    assert not message.deliveries.filter(sent_at__isnull=True).exists()


def test_drafts_are_not_sent(event, people):
    make_message(event, status=EventMessage.Status.DRAFT)
    send_event_mail()
    assert mail.outbox == []


def test_someone_who_cancels_meanwhile_gets_nothing(event, people):
    message = make_message(event)
    outbox.start(outbox.MESSAGES, message)
    cancel(people["en"], base_url=SITE)
    send_event_mail()
    assert sent_to("amira@example.org") == []
    assert message.deliveries.get(registration=people["en"]).status == EventMailDelivery.Status.SKIPPED
    assert len(mail.outbox) == 2


def test_someone_who_leaves_the_audience_meanwhile_gets_nothing(event, people):
    message = make_message(event, audience=Audience.WAITLISTED)
    outbox.start(outbox.MESSAGES, message)
    Registration.objects.filter(pk=people["waiting"].pk).update(status=Registration.Status.CONFIRMED)
    send_event_mail()
    assert mail.outbox == []


def test_batches_send_everyone_once(event, monkeypatch):
    registrants = [make_registration(event, language="en") for _ in range(7)]
    message = make_message(event)
    batches = []
    send_batch = outbox.send_batch

    def counting(*args, **kwargs):
        batches.append(send_batch(*args, **kwargs))
        return batches[-1]

    monkeypatch.setattr(outbox, "send_batch", counting)
    send_event_mail(batch_size=3)
    assert batches == [3, 3, 1, 0]
    assert sorted(sent.to[0] for sent in mail.outbox) == addresses(registrants)
    assert message.deliveries.filter(status=EventMailDelivery.Status.SENT).count() == 7


def test_a_failed_delivery_is_recorded_and_the_others_still_go(event, people, monkeypatch):
    message = make_message(event)
    render = outbox.MESSAGES.render

    def failing(message, registration, base_url):
        if registration.email == "amira@example.org":
            raise OSError("mailbox unavailable")
        return render(message, registration, base_url)

    monkeypatch.setattr(outbox, "MESSAGES", replace(outbox.MESSAGES, render=failing))
    send_event_mail()
    message.refresh_from_db()
    assert (message.sent_count, message.failed_count, message.status) == (2, 1, EventMessage.Status.SENT)
    failed = message.deliveries.get(status=EventMailDelivery.Status.FAILED)
    assert failed.email == "amira@example.org" and "mailbox unavailable" in failed.error


@pytest.mark.parametrize(
    ("fields", "field_with_error"),
    [
        ({"subject_en": "Getting there", "body_en": ""}, "body_en"),
        ({"subject_ja": "", "body_ja": "本文だけ"}, "subject_ja"),
        ({"subject_ja": "", "body_ja": ""}, "subject_ja"),
    ],
)
def test_a_message_needs_a_whole_language(event, fields, field_with_error):
    message = EventMessage(event=event, **({"subject_ja": "件名", "body_ja": "本文"} | fields))
    with pytest.raises(ValidationError) as raised:
        message.full_clean()
    assert field_with_error in raised.value.message_dict
