"""While Redis does not answer, the portal answers from the database, and /healthz says so."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

CLOSED_PORT = "redis://127.0.0.1:1/0"


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}
    assert not cache.answers()


def test_healthz_says_the_cache_is_down_and_stays_200(client, redis_down, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "unavailable"}


def test_pages_answer_from_the_database(client, redis_down, records, member):
    assert client.get(reverse("home")).status_code == 200
    client.force_login(member)
    assert client.get(reverse("members:home")).status_code == 200
    response = client.get(reverse("experts:list"), {"q": "conservation"})
    assert response.status_code == 200
    assert records.oyamada.pk in {expert.pk for expert in response.context["results"]}
    assert client.get(reverse("database"), {"q": "山田"}).status_code == 200


def test_a_session_signed_in_while_redis_was_up_stays_signed_in(member, settings):
    client = Client()
    client.force_login(member)
    settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": CLOSED_PORT}}
    assert client.get(reverse("members:home")).status_code == 200


def test_the_outage_is_logged_once(redis_down, caplog):
    with caplog.at_level(logging.WARNING, logger="consortium.cache"):
        for _ in range(5):
            assert cache.get("anything", "default") == "default"
            cache.set("anything", 1)
    assert len(caplog.records) == 1


def test_the_rate_limits_let_visitors_through(redis_down):
    from consortium.throttle import spend

    assert all(spend("test", "visitor", limit=1, period=60) for _ in range(3))
