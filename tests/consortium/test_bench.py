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
