"""The map of sites, in a real browser: names reach the map as text, never as markup."""

from decimal import Decimal

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
