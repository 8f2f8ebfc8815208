"""Builders for news, pages, events and registrations, shared by the outreach tests."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from events.models import Event, NewsArticle, Page, PublicationStatus, Registration

_serial = count(1)


def make_article(**fields):
    number = next(_serial)
    defaults = {
        "slug": f"article-{number}",
        "title_ja": f"お知らせ{number}",
        "title_en": f"Article {number}",
        "body_ja": "本文です。",
        "body_en": "The body.",
        "status": PublicationStatus.PUBLISHED,
        "publish_at": timezone.now() - timedelta(days=1),
    }
    return NewsArticle.objects.create(**(defaults | fields))


def make_page(**fields):
    number = next(_serial)
    defaults = {
        "slug": f"page-{number}",
        "title_ja": f"ページ{number}",
        "title_en": f"Page {number}",
        "body_ja": "本文",
        "body_en": "Body",
        "is_published": True,
        "order": number,
    }
    return Page.objects.create(**(defaults | fields))


def make_event(**fields):
    number = next(_serial)
    starts = timezone.now() + timedelta(days=30)
    defaults = {
        "slug": f"event-{number}",
        "kind": Event.Kind.SEMINAR,
        "status": Event.Status.PUBLISHED,
        "title_ja": f"研究会{number}",
        "title_en": f"Seminar {number}",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "venue_name_ja": "東京国立博物館 平成館",
        "venue_name_en": "Tokyo National Museum, Heiseikan",
    }
    return Event.objects.create(**(defaults | fields))


def make_registration(event, **fields):
    number = next(_serial)
    defaults = {
        "name": f"Person {number}",
        "email": f"person{number}@example.org",
        "status": Registration.Status.CONFIRMED,
    }
    return Registration.objects.create(event=event, **(defaults | fields))


@pytest.fixture
def sign_in(client):
    """Sign the given user in (None stays anonymous) and return the client."""

    def sign_in(user):
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
