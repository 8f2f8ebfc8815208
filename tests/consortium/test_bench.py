"""The benchmark's own pieces: its settings are production's, and its reference page, B, touches no database."""

import importlib

import pytest
from django.test import override_settings

from bench import REFERENCE_PATH


def test_bench_settings_are_the_production_settings_but_for_the_urls():
    production = importlib.import_module("consortium.settings")
    bench = importlib.import_module("bench.settings")
    names = {name for module in (production, bench) for name in vars(module) if name.isupper() and name[0] != "_"}
    differing = {name for name in names if getattr(production, name, None) != getattr(bench, name, None)}
    assert differing == {"ROOT_URLCONF"}
    assert bench.ROOT_URLCONF == "bench.urls"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls")
def test_reference_page_is_the_layout_without_database_work(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/" + REFERENCE_PATH, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "<footer" in html
    assert "Consortium for International Cooperation in Cultural Heritage" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="bench.urls")
def test_bench_urls_serve_the_portal_too(client):
    assert client.get("/en/").status_code == 200


def test_a_scenario_is_reported_by_its_median_round_with_the_spread_of_all():
    from bench.wrk import Measured, median_round

    rounds = [Measured(90.0, 40.0, 95.0, 0), Measured(60.0, 60.0, 130.0, 0), Measured(75.0, 50.0, 110.0, 0)]
    assert median_round(rounds) == (rounds[2], 60.0, 90.0)
    # Of an even number, the lower middle round: the report errs on the slow side.
    assert median_round(rounds[:2]) == (rounds[1], 60.0, 90.0)


@pytest.fixture
def published_pages(db):
    from events.models import NewsArticle, Page, PublicationStatus

    Page.objects.create(slug="about", title_ja="文化遺産国際協力について", title_en="About heritage cooperation",
                        is_published=True)  # fmt: skip
    for number in range(3):
        NewsArticle.objects.create(
            slug=f"news-{number}", title_ja=f"カンボジアの修復報告{number}", title_en=f"Restoration report {number}",
            status=PublicationStatus.PUBLISHED, publish_at=f"2026-01-0{number + 1}T09:00+09:00",
        )  # fmt: skip


def test_the_public_site_search_scenario_asks_distinct_searches_of_the_public_pages(published_pages):
    from bench.site_search import distinct_searches

    paths = distinct_searches(count=40)
    assert len(paths) == len(set(paths)) == 40
    assert all(path.startswith(("/ja/search/?", "/en/search/?")) and "q=" in path for path in paths)
    assert any("kind=" in path for path in paths)
    assert any(path.startswith("/ja/") for path in paths) and any(path.startswith("/en/") for path in paths)
    # Words of what the pages say, in both languages.
    assert any("restoration" in path for path in paths)
    assert distinct_searches(count=40) == paths


def test_every_site_search_of_the_scenario_answers_a_visitor(client, published_pages):
    from bench.site_search import distinct_searches

    for path in distinct_searches(count=30):
        assert client.get(path).status_code == 200, path


def test_the_scenarios_that_request_many_paths_write_a_sequence_each(published_pages, tmp_path, monkeypatch):
    from bench import __main__ as bench_main
    from bench.scenarios import all_scenarios

    monkeypatch.setattr(bench_main.tempfile, "gettempdir", lambda: str(tmp_path))
    scenarios = [scenario for scenario in all_scenarios(("佐藤", "サトウ", "Sato")) if "site search" in scenario.name]
    assert len(scenarios) == 1 and not scenarios[0].member
    distinct, files = bench_main.write_sequences(scenarios)
    sequence = files[scenarios[0].name].read_text().splitlines()
    assert set(sequence) <= set(distinct[scenarios[0].name])
    assert len(sequence) > len(set(sequence)) > 10
