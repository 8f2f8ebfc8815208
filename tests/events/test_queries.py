"""List views and feeds run a fixed number of queries, however many rows they show."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.events.conftest import make_article, make_event, make_page


def queries_for(client, path):
    # The home page's figures are cached: count the page as a visitor finds it after the cache expires.
    cache.clear()
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def past_event():
    starts = timezone.now() - timedelta(days=30)
    return make_event(starts_at=starts, ends_at=starts + timedelta(hours=2))


BUILDERS = {
    "/en/news/": make_article,
    "/en/news/feed/rss/": make_article,
    "/en/news/feed/atom/": make_article,
    "/en/about/": make_page,
    "/en/events/": make_event,
    "/en/events/past/": past_event,
    "/en/events/calendar.ics": make_event,
    "/en/": make_event,
    "/sitemap.xml": make_article,
}


@pytest.mark.django_db
@pytest.mark.parametrize("path", BUILDERS)
def test_query_count_stays_flat_as_rows_grow(client, path):
    build = BUILDERS[path]
    build()
    few = queries_for(client, path)
    for _ in range(8):
        build()
    assert queries_for(client, path) == few


@pytest.mark.django_db
def test_news_list_query_budget(client, django_assert_max_num_queries):
    for _ in range(5):
        make_article()
    # Count and page: two queries, whatever the page holds.
    with django_assert_max_num_queries(2):
        client.get("/en/news/")
