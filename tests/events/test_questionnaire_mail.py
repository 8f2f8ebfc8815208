"""The event e-mail command sends the questionnaire to the attendees once the event is over: once each, in
their language, with their own link; never before it is opened, before the event ends, or after it closes."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events import questionnaires
from events.models import CheckIn, Event, Questionnaire, QuestionnaireInvitation, Registration
from tests.events.conftest import make_registration
from tests.events.mail_helpers import SITE, send_event_mail, sent_to
from tests.events.questionnaire_helpers import attend, attendee, held_event, make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return held_event()


@pytest.fixture
def people(event):
    return {
        "ja": attendee(event, name="佐藤 花子", email="hanako@example.org", language="ja"),
        "en": attend(
            make_registration(event, name="Amira Haddad", email="amira@example.org", language="en"),
            CheckIn.Mode.ONLINE,
        ),
        # Registered, never came.
        "absent": make_registration(event, email="absent@example.org"),
        "waiting": make_registration(event, email="waiting@example.org", status=Registration.Status.WAITLISTED),
    }


def test_each_attendee_gets_it_once_in_their_language(event, people):
    questionnaire = make_questionnaire(event)
    output = send_event_mail()
    assert f"Questionnaire {questionnaire.pk} of event {event.pk}: 2 sent." in output
    assert sorted(message.to[0] for message in mail.outbox) == ["amira@example.org", "hanako@example.org"]

    (japanese,) = sent_to("hanako@example.org")
    assert japanese.subject == "[JCIC-Heritage] アンケートのお願い：災害と文化遺産シンポジウム"
    assert "回答は匿名で" in japanese.body
    assert "佐藤 花子" in japanese.body
    assert "ご参加ありがとうございました。" in japanese.body
    (english,) = sent_to("amira@example.org")
    assert "Symposium on disasters and heritage" in english.subject
    assert "Dear Amira Haddad," in english.body
    assert "Your answers are anonymous" in english.body
    # The introduction is only in Japanese: the English e-mail has it, marked.
    assert "ご参加ありがとうございました。 (in Japanese only)" in english.body

    # Each link is the person's own, in their language.
    for message, language, person in [(japanese, "ja", people["ja"]), (english, "en", people["en"])]:
        invitation = QuestionnaireInvitation.objects.get(registration=person)
        token = questionnaires.token(invitation)
        assert f"{SITE}/{language}/events/registration/questionnaire/{token}/" in message.body
        assert invitation.status == QuestionnaireInvitation.Status.SENT

    mail.outbox.clear()
    assert "0 sent" in send_event_mail()
    assert mail.outbox == []


def test_nothing_is_sent_before_it_is_opened(event, people):
    make_questionnaire(event, opened=False)
    send_event_mail()
    assert mail.outbox == []
    assert not QuestionnaireInvitation.objects.exists()


def test_nothing_is_sent_before_the_event_is_over(people):
    event = Event.objects.get(pk=people["ja"].event_id)
    event.ends_at = timezone.now() + timedelta(hours=1)
    event.save()
    make_questionnaire(event)
    send_event_mail()
    assert mail.outbox == []


def test_nothing_is_sent_once_it_has_closed(event, people):
    make_questionnaire(event, closes_at=timezone.now() - timedelta(minutes=1))
    send_event_mail()
    assert mail.outbox == []


def test_someone_checked_in_later_is_sent_it_by_a_later_run(event, people):
    make_questionnaire(event)
    send_event_mail()
    mail.outbox.clear()
    attend(people["absent"], CheckIn.Mode.ONLINE)
    send_event_mail()
    assert [message.to for message in mail.outbox] == [["absent@example.org"]]


def test_a_pending_email_to_someone_no_longer_attending_is_skipped(event, people):
    questionnaire = make_questionnaire(event)
    questionnaires.invite(questionnaire)
    # Staff undo a check-in made by mistake before the e-mail went.
    CheckIn.objects.filter(registration=people["en"]).delete()
    send_event_mail()
    assert [message.to for message in mail.outbox] == [["hanako@example.org"]]
    assert QuestionnaireInvitation.objects.get(registration=people["en"]).status == (
        QuestionnaireInvitation.Status.SKIPPED
    )


def test_batches_send_every_email_once(event, people):
    for number in range(5):
        attendee(event, email=f"extra{number}@example.org")
    make_questionnaire(event)
    send_event_mail(batch_size=2)
    send_event_mail(batch_size=2)
    addresses = [message.to[0] for message in mail.outbox]
    assert len(addresses) == 7
    assert len(set(addresses)) == 7


def test_a_failed_email_is_recorded_and_not_retried(event, people, monkeypatch):
    questionnaire = make_questionnaire(event)
    real = questionnaires.invitation_email

    def failing(invitation, base_url):
        if invitation.email == "amira@example.org":
            raise OSError("mailbox unavailable")
        return real(invitation, base_url)

    monkeypatch.setattr(questionnaires, "invitation_email", failing)
    send_event_mail()
    send_event_mail()
    assert [message.to for message in mail.outbox] == [["hanako@example.org"]]
    failed = QuestionnaireInvitation.objects.get(questionnaire=questionnaire, email="amira@example.org")
    assert failed.status == QuestionnaireInvitation.Status.FAILED
    assert "mailbox unavailable" in failed.error


def test_the_questionnaire_to_send_is_open_over_and_not_closed(event):
    now = timezone.now()
    due = make_questionnaire(event)
    make_questionnaire(held_event(), opened=False)
    make_questionnaire(held_event(), closes_at=now - timedelta(minutes=1))
    assert list(Questionnaire.objects.to_send(now)) == [due]
