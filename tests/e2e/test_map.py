"""The map of sites, in a real browser: names reach the map as text, never as markup; a list's map shows
every result, clustered."""

from decimal import Decimal

from django.urls import reverse

from heritage.models import HeritageSite
from tests.e2e.conftest import BROWSER_TEST

pytestmark = BROWSER_TEST

HOSTILE_NAME = '<img src="x" onerror="window.injected = true">'


def test_a_site_named_with_markup_shows_its_name_as_text_in_the_maps_tooltip(open_page, live_server, member):
    site = HeritageSite.objects.create(
        name_en=HOSTILE_NAME, name_ja=HOSTILE_NAME, category="cultural",
        latitude=Decimal("-8.1"), longitude=Decimal("-79.07"),
    )  # fmt: skip
    page = open_page(user=member)
    # The map's tiles come from another site, which the test needs neither to reach nor to wait for.
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page.goto(site.get_absolute_url())
    page.locator(".site-map__point").hover()
    tooltip = page.locator(".leaflet-tooltip")
    assert tooltip.inner_text() == HOSTILE_NAME
    assert tooltip.locator("img").count() == 0
    assert page.evaluate("window.injected") is None


def test_the_list_map_shows_every_result_in_clusters_not_only_the_page(open_page, live_server, member):
    # Three groups of ten sites a kilometre or so apart, far from each other: each group clusters.
    for number in range(30):
        HeritageSite.objects.create(
            name_en=f"Kasbah {number}", category="cultural",
            latitude=Decimal("31") + Decimal(number % 10) / 100, longitude=Decimal(-7 + 10 * (number // 10)),
        )  # fmt: skip
    page = open_page(user=member)
    page.route(lambda url: not url.startswith(live_server.url), lambda route: route.abort())
    page.goto(live_server.url + reverse("heritage:list") + "?q=Kasbah")
    assert page.locator(".search-hit").count() == 20
    # Every result is on the map, each as a point of its own or counted in a cluster.
    page.wait_for_function(
        """() => {
            const clustered = [...document.querySelectorAll(".site-map .marker-cluster span")]
                .reduce((sum, span) => sum + Number(span.textContent), 0);
            return clustered + document.querySelectorAll(".site-map .site-map__point").length === 30;
        }"""
    )
    assert page.locator(".site-map .marker-cluster").count() > 0
    assert page.locator(".site-map").is_visible()
