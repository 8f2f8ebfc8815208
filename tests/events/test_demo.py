import random
from io import StringIO

import pytest
from django.db.models import Count, F, Q

from events import demo
from events.models import Event, NewsArticle, Page, Registration, RegistrationQuestion

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    demo.seed(random.Random(1), out)
    return out.getvalue()


def test_demo_makes_pages_news_and_events_in_both_languages():
    assert "Outreach:" in seed()
    assert (
        Page.objects.published().filter(title_ja__gt="", title_en__gt="", body_ja__gt="", body_en__gt="").count() == 7
    )
    # The privacy policy and the terms of use, each in its first version (events.policies).
    assert set(Page.objects.filter(slug__in=["privacy", "terms"]).values_list("slug", "version")) == {
        ("privacy", 1),
        ("terms", 1),
    }
    assert Page.objects.filter(slug="mission", body_en__contains="Communicate").exists()
    assert NewsArticle.objects.published().filter(title_en="").exists(), "some news only in Japanese"
    assert NewsArticle.objects.published().exclude(title_en="").exists()
    assert Event.objects.upcoming().exists() and Event.objects.past().exists()
    assert Event.objects.upcoming().filter(audience=Event.Audience.MEMBERS).exists()
    assert Registration.objects.filter(status=Registration.Status.WAITLISTED).exists()
    assert "lorem" not in " ".join(Page.objects.values_list("body_en", flat=True)).lower()


def test_demo_never_books_an_event_beyond_its_capacity():
    seed()
    overbooked = Event.objects.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED))
    ).filter(capacity__lt=F("confirmed"))
    assert not overbooked.exists()


def test_demo_runs_again_without_adding_copies():
    seed()
    counts = (Page.objects.count(), NewsArticle.objects.count(), Event.objects.count(), Registration.objects.count())
    seed()
    assert (
        Page.objects.count(),
        NewsArticle.objects.count(),
        Event.objects.count(),
        Registration.objects.count(),
    ) == (counts)


def test_demo_pages_render(client):
    seed()
    for path in ("/ja/", "/en/", "/ja/about/mission/", "/en/news/", "/en/events/", "/ja/events/past/"):
        assert client.get(path).status_code == 200
    html = client.get("/en/events/annual-symposium-disasters-and-heritage/").content.decode()
    assert "Keynote lecture" in html and "<table>" in html


def test_demo_events_ask_the_typical_questions_and_registrants_answer_them():
    seed()
    symposium = Event.objects.get(slug="annual-symposium-disasters-and-heritage")
    assert [question.label_en for question in symposium.registration_questions.all()] == [
        "Type of affiliation",
        "How will you attend?",
        "Will you join the reception after the symposium?",
        "Dietary requirements",
        "How did you hear of this event? (choose any)",
    ]
    affiliation = symposium.registration_questions.get(label_en="Type of affiliation")
    answers = list(affiliation.answers.values_list("value", flat=True))
    assert len(answers) == symposium.registrations.count()
    assert set(answers) <= set(affiliation.option_values())
    online_seminar = Event.objects.get(slug="seminar-museum-collections-conflict")
    assert not online_seminar.registration_questions.filter(label_en="How will you attend?").exists()
    for question in RegistrationQuestion.objects.all():
        for answer in question.answers.all():
            assert question.clean_answer(answer.value) == answer.value
