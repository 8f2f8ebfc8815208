"""Answering the questionnaire from its personal link: anonymous or not, once per person, until it closes."""

from datetime import timedelta

import pytest
from django.db.models import ForeignKey, RestrictedError
from django.urls import reverse
from django.utils import timezone, translation

from events import questionnaire_results, questionnaires
from events.models import QuestionnaireAnswer, QuestionnaireInvitation, QuestionnaireResponse
from tests.events.questionnaire_helpers import (
    attendee,
    form_data,
    held_event,
    invitation_of,
    make_questionnaire,
    question,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return held_event()


def link(invitation, language="ja"):
    with translation.override(language):
        return reverse("events:questionnaire", args=[questionnaires.token(invitation)])


def answer(client, invitation, language="en", **answers):
    return client.post(link(invitation, language), form_data(invitation.questionnaire, **answers))


def test_the_link_shows_the_questions_in_the_pages_language_without_signing_in(client, event):
    invitation = invitation_of(make_questionnaire(event), attendee(event))
    page = client.get(link(invitation, "en")).content.decode()
    assert "Overall satisfaction" in page
    assert "5 (highest)" in page
    assert "Your answers are anonymous" in page
    japanese = client.get(link(invitation, "ja")).content.decode()
    assert "全体の満足度" in japanese
    assert "5（高い）" in japanese
    # The introduction is only in Japanese: the English page shows it, and says so.
    assert "ご参加ありがとうございました。" in page
    assert "This entry is only available in Japanese." in page


def test_answers_are_counted_per_question(client, event):
    questionnaire = make_questionnaire(event)
    people = [attendee(event) for _ in range(4)]
    given = [
        {"rating": 5, "affiliation": "university", "topics": ["university", "museum"], "again": "yes"},
        {"rating": 4, "affiliation": "museum", "topics": ["museum"], "again": "yes", "comment": "Very useful."},
        {"rating": 4, "affiliation": "university", "again": "no"},
        {"rating": 2, "comment": "The room was cold."},
    ]
    for person, answers in zip(people, given, strict=True):
        assert answer(client, invitation_of(questionnaire, person), **answers).status_code == 302

    with translation.override("ja"):
        responses, results = questionnaire_results.summarise(questionnaire)
        by_label = {str(result.question.label): result for result in results}
    assert responses == 4
    rating = by_label["全体の満足度"]
    assert [(t.label, t.count) for t in rating.counts] == [("1", 0), ("2", 1), ("3", 0), ("4", 2), ("5", 1)]
    assert rating.answered == 4
    assert rating.average == pytest.approx(15 / 4)
    affiliation = by_label["ご所属"]
    assert [(tally.label, tally.count, tally.percent) for tally in affiliation.counts] == [
        ("大学", 2, pytest.approx(66.7)),
        ("博物館", 1, pytest.approx(33.3)),
        ("その他", 0, 0.0),
    ]
    topics = by_label["関心のある分野"]
    assert topics.answered == 2
    assert [(tally.label, tally.count) for tally in topics.counts] == [("大学", 1), ("博物館", 2), ("その他", 0)]
    again = by_label["次回も参加したいですか"]
    assert [(tally.label, tally.count) for tally in again.counts] == [("はい", 2), ("いいえ", 1)]
    assert by_label["ご意見"].texts == ["Very useful.", "The room was cold."]


def test_an_anonymous_response_carries_no_person(client, event):
    questionnaire = make_questionnaire(event, anonymous=True)
    person = attendee(event, name="佐藤 花子", email="hanako@example.org")
    invitation = invitation_of(questionnaire, person)
    answer(client, invitation, rating=3, comment="Thank you.")

    response = QuestionnaireResponse.objects.get()
    assert response.registration is None
    assert response.submitted_at is None
    # Nothing the response or its answers hold leads back to the person: their only links are to the
    # questionnaire, its questions and the response.
    links = {
        (model.__name__, field.name)
        for model in (QuestionnaireResponse, QuestionnaireAnswer)
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey)
    }
    assert links == {
        ("QuestionnaireResponse", "questionnaire"),
        ("QuestionnaireResponse", "registration"),
        ("QuestionnaireAnswer", "response"),
        ("QuestionnaireAnswer", "question"),
    }
    stored = str([*QuestionnaireResponse.objects.values_list(), *QuestionnaireAnswer.objects.values_list("value")])
    assert "hanako" not in stored
    assert "佐藤" not in stored
    # What is kept of the person is that they answered, without when.
    invitation.refresh_from_db()
    assert invitation.answered is True
    assert not any(field.name.endswith("answered_at") for field in QuestionnaireInvitation._meta.get_fields())


def test_a_named_response_keeps_its_registration(client, event):
    questionnaire = make_questionnaire(event, anonymous=False)
    person = attendee(event)
    page = client.get(link(invitation_of(questionnaire, person), "en")).content.decode()
    assert "Your answers are kept with your name and registration" in page
    answer(client, invitation_of(questionnaire, person), rating=4)
    response = QuestionnaireResponse.objects.get()
    assert response.registration == person
    assert response.submitted_at is not None


def test_each_person_answers_once(client, event):
    questionnaire = make_questionnaire(event)
    invitation = invitation_of(questionnaire, attendee(event))
    assert answer(client, invitation, rating=5).status_code == 302

    again = answer(client, invitation, rating=1)
    assert again.status_code == 200
    assert "Each person answers the questionnaire once." in again.content.decode()
    assert QuestionnaireResponse.objects.count() == 1
    assert list(QuestionnaireAnswer.objects.values_list("value", flat=True)) == [5]
    with pytest.raises(questionnaires.QuestionnaireRefused):
        questionnaires.submit(invitation, {question(questionnaire, "Overall satisfaction").pk: 1})
    assert QuestionnaireResponse.objects.count() == 1


def test_after_answering_the_link_thanks_the_person(client, event):
    invitation = invitation_of(make_questionnaire(event), attendee(event))
    response = client.post(link(invitation, "en"), form_data(invitation.questionnaire, rating=4), follow=True)
    assert "Thank you: your answers have been received." in response.content.decode()


def test_a_required_question_left_blank_keeps_nothing(client, event):
    questionnaire = make_questionnaire(event)
    invitation = invitation_of(questionnaire, attendee(event))
    response = client.post(link(invitation, "en"), form_data(questionnaire, comment="No rating."))
    assert response.status_code == 200
    assert "Please choose a rating from 1 to 5." in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()
    invitation.refresh_from_db()
    assert invitation.answered is False


@pytest.mark.parametrize("value", ["0", "6", "five"])
def test_a_rating_outside_1_to_5_is_refused(client, event, value):
    questionnaire = make_questionnaire(event)
    invitation = invitation_of(questionnaire, attendee(event))
    response = client.post(link(invitation, "en"), form_data(questionnaire, rating=value))
    assert "Please choose a rating from 1 to 5." in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


def test_a_closed_questionnaire_takes_no_answer(client, event):
    questionnaire = make_questionnaire(event)
    invitation = invitation_of(questionnaire, attendee(event))
    questionnaire.closes_at = timezone.now() - timedelta(minutes=1)
    questionnaire.save()
    page = client.get(link(invitation, "en")).content.decode()
    assert "it no longer takes answers" in page
    response = answer(client, invitation, rating=5)
    assert "it no longer takes answers" in response.content.decode()
    assert not QuestionnaireResponse.objects.exists()


@pytest.mark.parametrize("tamper", ["not-a-token", "forged"])
def test_a_forged_or_unknown_link_is_refused(client, event, tamper):
    invitation = invitation_of(make_questionnaire(event), attendee(event))
    token = questionnaires.token(invitation)
    bad = token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb") if tamper == "forged" else tamper
    with translation.override("en"):
        response = client.get(reverse("events:questionnaire", args=[bad]))
    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert response["X-Robots-Tag"] == "noindex"


def test_the_link_names_no_person(event):
    person = attendee(event, name="Amira Haddad", email="amira@example.org")
    invitation = invitation_of(make_questionnaire(event), person)
    token = questionnaires.token(invitation)
    assert "amira" not in token.lower()
    assert str(person.pk) != token.split(".")[0]
    assert QuestionnaireInvitation.objects.get(pk=invitation.pk).key in token


def test_a_question_with_answers_is_kept_but_the_event_can_still_be_deleted(client, event):
    questionnaire = make_questionnaire(event)
    answer(client, invitation_of(questionnaire, attendee(event)), rating=4)
    with pytest.raises(RestrictedError):
        question(questionnaire, "Overall satisfaction").delete()
    event.delete()
    assert not QuestionnaireResponse.objects.exists()
    assert not QuestionnaireAnswer.objects.exists()
