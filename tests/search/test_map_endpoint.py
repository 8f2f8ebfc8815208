"""The list pages' maps of every result (``map.json``): all matches, the list's filters, the access rule,
a compact and compressed answer, odd parameters, and a query count that does not grow with the results."""

import gzip
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from heritage.models import HeritageSite
from projects.models import CooperationProject
from search import maps
from search.paging import PER_PAGE
from tests.search.test_pages_bad_input import HOSTILE

MAPS = ["heritage:map", "projects:map"]


def place(site, latitude, longitude):
    HeritageSite.objects.filter(pk=site.pk).update(latitude=Decimal(latitude), longitude=Decimal(longitude))


@pytest.fixture
def placed(records):
    place(records.bamiyan, "34.8467", "67.8258")
    place(records.djemila, "36.32", "5.7364")
    return records


def add_kasbahs(records, count):
    """``count`` placed sites that a search for "Kasbah" finds, each with a project of its own."""
    for number in range(count):
        site = HeritageSite.objects.create(
            name_en=f"Kasbah {number}",
            category="cultural",
            latitude=Decimal("31.0") + number,
            longitude=Decimal("-7.1"),
        )
        site.countries.set([records.djemila.countries.get()])
        project = CooperationProject.objects.create(
            title_en=f"Kasbah survey {number}", kind="research", start_year=2020
        )
        project.sites.set([site])


def points(client, url_name, params=None):
    response = client.get(reverse(url_name), params or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)["points"]


def ids(client, url_name, params=None):
    return {point[0] for point in points(client, url_name, params)}


def test_the_map_holds_every_match_not_only_a_page(member_client, placed):
    add_kasbahs(placed, PER_PAGE + 5)
    page = member_client.get(reverse("heritage:list"), {"q": "Kasbah"})
    assert len(page.context["results"]) == PER_PAGE
    assert len(points(member_client, "heritage:map", {"q": "Kasbah", "page": "2"})) == PER_PAGE + 5
    assert len(points(member_client, "projects:map", {"q": "Kasbah"})) == PER_PAGE + 5


def test_the_lists_filters_apply(member_client, placed):
    assert ids(member_client, "heritage:map") == {placed.bamiyan.pk, placed.djemila.pk}
    assert ids(member_client, "heritage:map", {"q": "Bamiyan"}) == {placed.bamiyan.pk}
    assert ids(member_client, "heritage:map", {"in_danger": "yes"}) == {placed.bamiyan.pk}
    assert ids(member_client, "heritage:map", {"country": "DZ"}) == {placed.djemila.pk}
    assert ids(member_client, "heritage:map", {"inscribed_to": "1990"}) == {placed.djemila.pk}
    assert ids(member_client, "heritage:map", {"q": "Bamiyan", "country": "DZ"}) == set()
    assert ids(member_client, "projects:map", {"funder": "jica"}) == {placed.bamiyan_project.pk}
    assert ids(member_client, "projects:map", {"q": "Djémila"}) == {placed.djemila_project.pk}


def test_records_without_a_place_are_left_out(member_client, placed):
    # The local site has no coordinates; neither has a project whose sites have none.
    assert placed.local_site.pk not in ids(member_client, "heritage:map", {"q": "Bagan"})
    project = CooperationProject.objects.create(title_en="Bagan murals survey", kind="research", start_year=2021)
    project.sites.set([placed.local_site])
    assert ids(member_client, "projects:map", {"q": "Bagan"}) == set()


def test_a_project_at_two_places_is_a_point_at_each(member_client, placed):
    placed.djemila_project.sites.add(placed.bamiyan)
    found = points(member_client, "projects:map", {"q": "Djémila"})
    assert sorted((point[1], point[2]) for point in found) == [(34.8467, 67.8258), (36.32, 5.7364)]
    assert {point[0] for point in found} == {placed.djemila_project.pk}


def test_the_answer_is_compact_and_names_in_the_pages_language(member_client, placed):
    only_english = HeritageSite.objects.create(
        name_en="Kasbah only in English", category="cultural", latitude=Decimal("31"), longitude=Decimal("-7")
    )
    only_french = HeritageSite.objects.create(
        name_fr="Kasbah seulement en français", category="cultural", latitude=Decimal("32"), longitude=Decimal("-7")
    )
    with override("ja"):
        response = member_client.get(reverse("heritage:map"))
        detail = reverse("heritage:detail", args=[placed.bamiyan.pk])
    data = json.loads(response.content)
    assert set(data) == {"tiles", "attribution", "url", "points"}
    by_id = {point[0]: point for point in data["points"]}
    assert by_id[placed.bamiyan.pk] == [placed.bamiyan.pk, 34.8467, 67.8258, placed.bamiyan.name_ja]
    assert by_id[only_english.pk][3] == "Kasbah only in English"
    assert by_id[only_french.pk][3] == "Kasbah seulement en français"
    assert data["url"].replace("{id}", str(placed.bamiyan.pk)) == detail
    # Arrays without spaces, Japanese as UTF-8 rather than \u escapes.
    assert b'", "' not in response.content and placed.bamiyan.name_ja.encode() in response.content
    with override("en"):
        assert points(member_client, "heritage:map", {"q": "Bamiyan"})[0][3] == placed.bamiyan.name_en


@pytest.mark.parametrize("url_name", MAPS)
def test_the_answer_is_compressed_for_browsers_that_accept_it(member_client, placed, url_name):
    add_kasbahs(placed, 10)
    response = member_client.get(reverse(url_name), HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert len(json.loads(gzip.decompress(response.content))["points"]) >= 10


def test_a_map_past_the_limit_says_so(member_client, placed, monkeypatch):
    monkeypatch.setattr(maps, "MAP_POINT_LIMIT", 3)
    add_kasbahs(placed, 5)
    with override("en"):
        data = json.loads(member_client.get(reverse("heritage:map")).content)
    assert len(data["points"]) == 3
    assert data["note"].startswith("The map shows 3 of the sites found")
    with override("ja"):
        data = json.loads(member_client.get(reverse("projects:map")).content)
    assert len(data["points"]) == 3
    assert "3" in data["note"] and "事業" in data["note"]
    assert "note" not in json.loads(member_client.get(reverse("heritage:map"), {"q": "Bamiyan"}).content)


# Access -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", MAPS)
def test_visitors_and_applicants_get_no_points(client, applicant, suspended_member, placed, url_name):
    url = reverse(url_name)
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for user in (applicant, suspended_member):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403
        assert b"34.8467" not in response.content


@pytest.mark.parametrize("url_name", MAPS)
def test_the_answer_is_never_cached(member_client, placed, url_name):
    response = member_client.get(reverse(url_name))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_staff_only_projects_are_on_the_map_for_staff_alone(member_client, staff, placed):
    staff_client = Client()
    staff_client.force_login(staff)
    hidden = placed.hidden_project.pk
    assert hidden not in ids(member_client, "projects:map", {"q": "Bamiyan"})
    assert hidden not in ids(member_client, "projects:map", {"q": "Confidential"})
    assert hidden in ids(staff_client, "projects:map", {"q": "Confidential"})
    assert ids(staff_client, "projects:map", {"q": "Bamiyan"}) == {placed.bamiyan_project.pk, hidden}


def test_staff_without_a_second_factor_see_what_members_see(client, staff_without_second_factor, placed):
    client.force_login(staff_without_second_factor)
    assert placed.hidden_project.pk not in ids(client, "projects:map", {"q": "Bamiyan"})


def test_every_site_is_for_every_member(member_client, staff, placed):
    # Heritage sites have no staff-only records: members and staff see the same map.
    staff_client = Client()
    staff_client.force_login(staff)
    assert (
        ids(member_client, "heritage:map")
        == ids(staff_client, "heritage:map")
        == {placed.bamiyan.pk, placed.djemila.pk}
    )


# Odd parameters -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", MAPS)
def test_odd_parameters_give_a_map_never_an_error(member_client, placed, url_name):
    for params in HOSTILE:
        response = member_client.get(reverse(url_name), params)
        assert response.status_code == 200, params
        assert isinstance(json.loads(response.content)["points"], list), params
    assert member_client.get(reverse(url_name) + "?q=%E3%81%28%FF&country=%C3").status_code == 200


def test_values_the_list_ignores_are_ignored_on_the_map_too(member_client, placed):
    everything = ids(member_client, "heritage:map")
    assert ids(member_client, "heritage:map", {"in_danger": "maybe", "inscribed_from": "abc"}) == everything
    assert ids(member_client, "heritage:map", {"country": "ZZ"}) == everything


@pytest.mark.parametrize("url_name", MAPS)
def test_only_get(member_client, placed, url_name):
    assert member_client.post(reverse(url_name)).status_code == 405


# Query counts -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        reverse("heritage:map") + "?q=Kasbah&country=DZ",
        reverse("heritage:map") + "?in_danger=no&sort=year",
        reverse("projects:map") + "?q=Kasbah",
    ],
)
def test_query_count_stays_flat_as_results_grow(member_client, placed, django_assert_num_queries, url):
    add_kasbahs(placed, 3)
    with CaptureQueriesContext(connection) as few:
        before = len(json.loads(member_client.get(url).content)["points"])
    add_kasbahs(placed, 40)
    with django_assert_num_queries(len(few.captured_queries)):
        response = member_client.get(url)
    assert len(json.loads(response.content)["points"]) == before + 40


# The list pages ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("list_name", "map_name"), [("heritage:list", "heritage:map"), ("projects:list", "projects:map")]
)
def test_a_list_page_points_its_map_at_its_own_search(member_client, placed, list_name, map_name):
    response = member_client.get(reverse(list_name), {"q": "Bamiyan", "country": "AF", "page": "1"})
    html = response.content.decode()
    source = reverse(map_name) + "?q=Bamiyan&amp;country=AF"
    assert f'data-map-source="{source}"' in html
    for asset in ("vendor/leaflet/leaflet.js", "vendor/leaflet.markercluster/leaflet.markercluster.js", "js/map.js"):
        assert asset in html
    assert "vendor/leaflet.markercluster/MarkerCluster.css" in html
    # The page itself carries no points: the map asks for them, and the list reads the same without it.
    assert 'id="map-data"' not in html


@pytest.mark.parametrize("list_name", ["heritage:list", "projects:list"])
def test_no_map_on_a_list_without_results(member_client, placed, list_name):
    response = member_client.get(reverse(list_name), {"q": "nothing-matches-this"})
    assert b"data-map-source" not in response.content
    assert b"leaflet" not in response.content
