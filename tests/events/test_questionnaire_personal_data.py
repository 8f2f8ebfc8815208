"""A named questionnaire's answers and a certificate of attendance are the person's data: in their download
(their own, no one else's), and removed with the registration's personal data as its other answers are."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone, translation

from events import questionnaires
from events.models import Certificate, QuestionnaireAnswer, QuestionnaireInvitation, Registration
from events.personal_data import certificates_of_attendance, event_questionnaire_answers, remove_personal_data
from tests.events.questionnaire_helpers import attendee, form_data, held_event, invitation_of, make_questionnaire

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return held_event()


def person(username):
    return get_user_model().objects.create_user(email=f"{username}@example.org", password="x")


def answer(client, invitation, **answers):
    with translation.override("en"):
        url = reverse("events:questionnaire", args=[questionnaires.token(invitation)])
    assert client.post(url, form_data(invitation.questionnaire, **answers)).status_code in (200, 302)


@pytest.fixture
def answered(client, event):
    questionnaire = make_questionnaire(event, anonymous=False)
    ana, ben = person("ana"), person("ben")
    ana_place = attendee(event, user=ana, email=ana.email)
    ben_place = attendee(event, user=ben, email=ben.email)
    answer(client, invitation_of(questionnaire, ana_place), rating=5, comment="Ana's own words")
    answer(client, invitation_of(questionnaire, ben_place), rating=2, comment="Ben's own words")
    return ana, ana_place, ben_place


def test_the_download_holds_ones_own_named_answers_only(answered):
    ana, _ana_place, _ben_place = answered
    rows = event_questionnaire_answers(ana)
    answers = {row["answer"] for row in rows}
    assert "Ana's own words" in answers
    assert "Ben's own words" not in answers
    assert all(row["answered"] is not None for row in rows)


def test_removal_deletes_the_persons_own_words_and_keeps_the_rating(answered):
    _ana, ana_place, ben_place = answered
    remove_personal_data(Registration.objects.filter(pk=ana_place.pk), timezone.now())
    kept = QuestionnaireAnswer.objects.filter(response__registration=ana_place)
    assert [answer.text for answer in kept] == ["5"]
    assert QuestionnaireAnswer.objects.filter(response__registration=ben_place).count() == 2
    invitation = QuestionnaireInvitation.objects.get(registration=ana_place)
    assert (invitation.name, invitation.email) == ("", f"registration-{ana_place.pk}@removed.invalid")
    assert QuestionnaireInvitation.objects.get(registration=ben_place).email == "ben@example.org"


def test_the_download_holds_ones_own_certificates_only(event):
    ana, ben = person("ana"), person("ben")
    mine = Certificate.objects.issue(attendee(event, user=ana, email=ana.email))
    Certificate.objects.issue(attendee(event, user=ben, email=ben.email))
    assert [row["reference"] for row in certificates_of_attendance(ana)] == [mine.reference]
