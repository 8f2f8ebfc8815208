"""Every outreach view, over every fixed user: public pages for all, drafts for staff only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from events.models import Event, PendingRegistration, PublicationStatus
from events.tokens import confirmation_url, manage_url
from tests.events.conftest import make_article, make_event, make_page, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def outreach():
    past_start = timezone.now() - timedelta(days=60)
    return {
        "article": make_article(slug="news-item"),
        "draft_article": make_article(slug="draft-item", status=PublicationStatus.DRAFT),
        "page": make_page(slug="about-us"),
        "draft_page": make_page(slug="unfinished-page", is_published=False),
        "event": make_event(slug="seminar"),
        "members_event": make_event(slug="members-seminar", audience=Event.Audience.MEMBERS),
        "draft_event": make_event(slug="draft-seminar", status=Event.Status.DRAFT),
        "past_event": make_event(slug="past-symposium", starts_at=past_start, ends_at=past_start + timedelta(hours=5)),
    }


PUBLIC_PATHS = [
    "/en/",
    "/en/about/",
    "/en/about/about-us/",
    "/en/news/",
    "/en/news/news-item/",
    "/en/news/feed/rss/",
    "/en/news/feed/atom/",
    "/en/events/",
    "/en/events/past/",
    "/en/events/seminar/",
    "/en/events/members-seminar/",
    "/en/events/past-symposium/",
    "/en/events/seminar.ics",
    "/en/events/calendar.ics",
    "/en/events/seminar/register/",
    "/en/statistics/",
    "/sitemap.xml",
    "/robots.txt",
]


@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_outreach_pages_open_to_everyone(client, any_user, outreach, path):
    if any_user is not None:
        client.force_login(any_user)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/en/news/draft-item/", "/en/events/draft-seminar/", "/en/about/unfinished-page/"])
def test_drafts_open_to_staff_only(client, any_user, outreach, path):
    if any_user is not None:
        client.force_login(any_user)
    expected = 200 if any_user is not None and any_user.is_staff else 404
    assert client.get(path).status_code == expected


def test_registration_form_for_members_only_event_opens_to_members_and_staff_only(client, any_user, outreach):
    if any_user is not None:
        client.force_login(any_user)
    expected = 200 if any_user is not None and any_user.email in ("member@example.org", "staff@example.org") else 403
    assert client.get("/en/events/members-seminar/register/").status_code == expected


def test_registration_form_for_a_past_event_is_refused_to_everyone(client, any_user, outreach):
    if any_user is not None:
        client.force_login(any_user)
    assert client.get("/en/events/past-symposium/register/").status_code == 403


def test_signed_links_open_to_whoever_holds_them_and_are_not_cached(client, any_user, outreach):
    if any_user is not None:
        client.force_login(any_user)
    registration = make_registration(outreach["event"])
    details = {"name": "A", "email": "a@example.org", "affiliation": "", "language": "en", "consent": "on"}
    token = PendingRegistration.objects.issue(outreach["event"], **details)
    for path in (manage_url(registration), confirmation_url(token)):
        response = client.get(path)
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        assert response["X-Robots-Tag"] == "noindex"


@pytest.mark.parametrize("path", ["/en/news/news-item/", "/en/events/seminar/", "/en/about/about-us/"])
def test_detail_pages_refuse_to_be_changed_by_post(client, outreach, path):
    assert client.post(path).status_code == 405
