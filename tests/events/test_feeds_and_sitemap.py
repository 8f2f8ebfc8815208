from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from events.models import Event, PublicationStatus
from tests.events.conftest import make_article, make_event, make_page

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def content():
    return {
        "article": make_article(slug="published-news", title_en="Published news", title_ja="公開記事"),
        "draft": make_article(slug="draft-news", title_en="Draft news", status=PublicationStatus.DRAFT),
        "scheduled": make_article(
            slug="scheduled-news", title_en="Scheduled news", publish_at=timezone.now() + timedelta(hours=1)
        ),
        "page": make_page(slug="mission"),
        "hidden_page": make_page(slug="unfinished", is_published=False),
        "event": make_event(slug="open-symposium"),
        "members_event": make_event(slug="members-seminar", audience=Event.Audience.MEMBERS),
        "draft_event": make_event(slug="draft-event", status=Event.Status.DRAFT),
    }


def test_rss_feed_is_valid_xml_listing_only_published_articles(client, content):
    response = client.get("/en/news/feed/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(response.content).find("channel")  # noqa: S314 (our own response)
    assert channel.findtext("language") == "en"
    assert [item.findtext("title") for item in channel.findall("item")] == ["Published news"]
    assert channel.find("item").findtext("link") == "http://testserver/en/news/published-news/"


def test_atom_feed_is_valid_xml_listing_only_published_articles(client, content):
    response = client.get("/ja/news/feed/atom/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == ["公開記事"]
    assert entries[0].find(f"{ATOM}link").get("href") == "http://testserver/ja/news/published-news/"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)  # noqa: S314 (our own response)
    return {url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")}


def test_sitemap_holds_every_public_page_in_both_languages(client, content):
    locations = sitemap_locations(client)
    for language in ("ja", "en"):
        for path in ("", "about/", "news/", "events/", "statistics/", "about/mission/", "news/published-news/",
                     "events/open-symposium/"):  # fmt: skip
            assert f"http://testserver/{language}/{path}" in locations


def test_sitemap_holds_no_draft_scheduled_or_members_only_url(client, content):
    locations = " ".join(sitemap_locations(client))
    for slug in ("draft-news", "scheduled-news", "unfinished", "members-seminar", "draft-event"):
        assert slug not in locations
    assert "/experts/" not in locations and "/projects/" not in locations and "/heritage/" not in locations


def test_sitemap_links_each_page_to_its_other_language(client, content):
    xml = client.get("/sitemap.xml").content.decode()
    assert 'hreflang="en" href="http://testserver/en/news/published-news/"' in xml
    assert 'hreflang="ja" href="http://testserver/ja/news/published-news/"' in xml


def test_robots_txt_points_to_the_sitemap(client):
    assert "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
