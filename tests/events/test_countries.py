"""The countries news articles and events are about: edited in the admin, kept in history, shown and seeded."""

import random
from io import StringIO

import pytest
from django.urls import reverse

from consortium.models import Country
from events import demo
from events.models import Event, NewsArticle
from tests.admin_checks import change_form_data
from tests.events.conftest import make_article, make_event

pytestmark = pytest.mark.django_db


def test_the_admin_saves_the_countries_of_a_news_article_with_its_history(staff_client):
    article = make_article(title_en="Survey in Laos")
    url = reverse("admin:events_newsarticle_change", args=[article.pk])
    data = change_form_data(staff_client.get(url))
    data["countries"] = ["LA", "KH"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert set(article.countries.values_list("code", flat=True)) == {"LA", "KH"}
    latest = NewsArticle.history.filter(id=article.pk).latest()
    assert {row.country_id for row in latest.countries.all()} == {"LA", "KH"}


def test_the_admin_saves_the_countries_of_an_event_with_its_history(staff_client):
    event = make_event(title_en="Seminar on Angkor")
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(staff_client.get(url))
    data["countries"] = ["KH"]
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(event.countries.values_list("code", flat=True)) == ["KH"]
    latest = Event.history.filter(id=event.pk).latest()
    assert [row.country_id for row in latest.countries.all()] == ["KH"]


def test_the_admin_edits_countries_by_autocomplete_and_filters_by_country(staff_client):
    laos = make_article(title_en="Survey in Laos")
    laos.countries.add("LA")
    elsewhere = make_article(title_en="Survey in Mongolia")
    elsewhere.countries.add("MN")
    event = make_event(title_en="Seminar on Angkor")
    event.countries.add("KH")
    make_event(title_en="Seminar at home")

    for model in ("newsarticle", "event"):
        form = staff_client.get(reverse(f"admin:events_{model}_add")).content.decode()
        assert f'data-model-name="{model}" data-field-name="countries"' in form, model
    news = staff_client.get(reverse("admin:events_newsarticle_changelist"), {"countries__code__exact": "LA"})
    assert list(news.context["cl"].result_list) == [laos]
    events = staff_client.get(reverse("admin:events_event_changelist"), {"countries__code__exact": "KH"})
    assert list(events.context["cl"].result_list) == [event]


def test_news_and_event_pages_link_their_country_pages(client):
    article = make_article()
    article.countries.add("LA")
    event = make_event()
    event.countries.add("KH")
    laos = Country.objects.get(code="LA").get_absolute_url()
    cambodia = Country.objects.get(code="KH").get_absolute_url()

    assert f'href="{laos}"' in client.get(article.get_absolute_url()).content.decode()
    assert f'href="{cambodia}"' in client.get(event.get_absolute_url()).content.decode()


def test_the_demo_links_news_and_events_to_the_countries_they_are_about():
    demo.seed(random.Random(1), StringIO())
    demo.seed(random.Random(2), StringIO())

    workshop = Event.objects.get(slug="workshop-digital-documentation-bangkok")
    assert list(workshop.countries.values_list("code", flat=True)) == ["TH"]
    survey = NewsArticle.objects.get(slug="country-survey-report-published")
    assert set(survey.countries.values_list("code", flat=True)) == {"UZ", "KG", "TJ"}
    assert NewsArticle.objects.published().filter(countries__code="UZ").count() == 2
    # Articles about no country in particular stay so.
    assert not NewsArticle.objects.get(slug="new-members-joined").countries.exists()
