from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.translation import override

from events.models import NewsArticle, PublicationStatus
from tests.events.conftest import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def articles():
    return {
        "published": make_article(title_en="Published piece"),
        "draft": make_article(title_en="Draft piece", status=PublicationStatus.DRAFT),
        "scheduled": make_article(title_en="Scheduled piece", publish_at=timezone.now() + timedelta(days=2)),
    }


def test_published_queryset_holds_only_published_articles_whose_time_has_come(articles):
    assert list(NewsArticle.objects.published()) == [articles["published"]]


@pytest.mark.parametrize("path", ["/en/news/", "/en/", "/en/news/feed/rss/", "/en/news/feed/atom/"])
def test_lists_and_feeds_show_only_published_articles(client, articles, path):
    html = client.get(path).content.decode()
    assert "Published piece" in html
    assert "Draft piece" not in html
    assert "Scheduled piece" not in html


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_unpublished_article_detail_is_not_found_for_the_public_and_members(client, member, articles, state):
    url = articles[state].get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_staff_preview_unpublished_article_marked_as_preview_and_not_indexed(client, staff, articles, state):
    client.force_login(staff)
    response = client.get(articles[state].get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="preview-note"' in html
    assert '<meta name="robots" content="noindex">' in html
    assert "no-cache" in response["Cache-Control"]


def test_published_article_detail_has_no_preview_note(client, articles):
    with override("en"):
        url = articles["published"].get_absolute_url()
    html = client.get(url).content.decode()
    assert "Published piece" in html
    assert "preview-note" not in html


def test_scheduled_article_appears_once_its_time_has_passed(client, articles):
    NewsArticle.objects.filter(pk=articles["scheduled"].pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert "Scheduled piece" in client.get("/en/news/").content.decode()


def test_list_is_newest_first(client):
    make_article(title_en="Older item", publish_at=timezone.now() - timedelta(days=10))
    make_article(title_en="Newer item", publish_at=timezone.now() - timedelta(days=1))
    html = client.get("/en/news/").content.decode()
    assert html.index("Newer item") < html.index("Older item")


def test_list_filters_by_category(client):
    make_article(title_en="A call for papers", category=NewsArticle.Category.CALL)
    make_article(title_en="A survey report", category=NewsArticle.Category.REPORT)
    html = client.get("/en/news/?category=call").content.decode()
    assert "A call for papers" in html
    assert "A survey report" not in html


def test_unknown_category_shows_everything(client):
    make_article(title_en="A survey report", category=NewsArticle.Category.REPORT)
    assert "A survey report" in client.get("/en/news/?category=nonsense").content.decode()


def test_list_is_paginated(client):
    for day in range(12):
        make_article(title_en=f"Item number {day:02d}", publish_at=timezone.now() - timedelta(days=day + 1))
    first = client.get("/en/news/").content.decode()
    second = client.get("/en/news/?page=2").content.decode()
    assert "Item number 00" in first and "Item number 11" not in first
    assert "Item number 11" in second and 'rel="prev"' in second


def test_japanese_only_article_on_english_page_shows_the_fallback_note(client):
    article = make_article(title_en="", body_en="", title_ja="日本語だけの記事", body_ja="本文は日本語のみです。")
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "日本語だけの記事" in html
    assert "This entry is only available in Japanese." in html
    assert '<h1 lang="ja">' in html


def test_article_in_the_visitors_language_has_no_fallback_note(client):
    article = make_article()
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "fallback-note" not in html


def test_body_is_rendered_from_markdown_and_sanitised(client):
    article = make_article(
        body_en="**Bold** text\n\n<script>alert('x')</script>\n\n<a href=\"javascript:alert(1)\">x</a>"
    )
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert "<strong>Bold</strong>" in html
    assert "alert(" not in html


def test_detail_carries_canonical_opengraph_and_hreflang_tags(client):
    article = make_article(title_en="Shared piece", summary_en="What it is about.")
    html = client.get(f"/en/news/{article.slug}/").content.decode()
    assert f'<link rel="canonical" href="http://testserver/en/news/{article.slug}/">' in html
    assert '<meta property="og:title" content="Shared piece">' in html
    assert '<meta property="og:description" content="What it is about.">' in html
    assert '<meta property="og:type" content="article">' in html
    assert f'hreflang="ja" href="http://testserver/ja/news/{article.slug}/"' in html
