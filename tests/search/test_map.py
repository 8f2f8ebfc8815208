"""The map of a detail page's sites: the points of the records the page names, and nothing else; no inline
script. (A list page's map of every result is in test_map_endpoint.py.)"""

import json
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils.translation import override

from heritage.models import HeritageSite


def map_points(response):
    data = response.context["map"]
    if data is None:
        assert b'id="map-data"' not in response.content
        return None
    # The same data reaches the browser as a JSON block, which no policy treats as script.
    html = response.content.decode()
    block = html.split('<script id="map-data" type="application/json">', 1)[1].split("</script>", 1)[0]
    assert json.loads(block) == data
    return {point["url"] for point in data["points"]}


@pytest.fixture
def placed(records):
    HeritageSite.objects.filter(pk=records.bamiyan.pk).update(
        latitude=Decimal("34.8467"), longitude=Decimal("67.8258")
    )
    HeritageSite.objects.filter(pk=records.djemila.pk).update(latitude=Decimal("36.32"), longitude=Decimal("5.7364"))
    return records


def test_a_project_map_shows_its_own_sites(member_client, placed):
    with override("en"):
        response = member_client.get(placed.bamiyan_project.get_absolute_url())
        assert map_points(response) == {placed.bamiyan.get_absolute_url()}
        assert map_points(member_client.get(placed.djemila.get_absolute_url())) == {placed.djemila.get_absolute_url()}


def test_no_map_without_coordinates(member_client, records):
    response = member_client.get(records.local_site.get_absolute_url())
    assert map_points(response) is None
    assert b"leaflet.js" not in response.content


@pytest.mark.parametrize("url_name", ["heritage:list", "projects:list"])
def test_the_map_loads_vendored_files_and_the_tile_host_is_allowed(member_client, placed, url_name):
    response = member_client.get(reverse(url_name))
    html = response.content.decode()
    assert "vendor/leaflet/leaflet.js" in html
    assert "js/map.js" in html
    assert 'aria-label="' in html.split('class="site-map"', 1)[1].split(">", 1)[0]
    assert settings.MAP_TILE_ORIGIN in response["Content-Security-Policy"]


def test_no_map_data_for_those_without_access(client, applicant, placed):
    client.force_login(applicant)
    response = client.get(placed.bamiyan_project.get_absolute_url())
    assert response.status_code == 403
    assert b"map-data" not in response.content
    assert b"34.8467" not in response.content
