"""The data behind a map of sites: the points of a detail page's sites, the list's map of every result,
and the tile server.

A detail page's map repeats, as points, the sites the page names, from a JSON block in the page
(static/js/map.js draws it). The list page's map shows every site its search finds, read from
``map.json`` (``search.maps``). Either way the page reads the same without the map.
"""

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import language_order
from heritage.filters import HeritageSiteFilterSet
from search.maps import map_response

TOO_MANY_SITES = _("The map shows %(limit)s of the sites found, no more: narrow the search to see the others.")


def map_data(sites):
    """The JSON-able map of ``sites`` (already loaded records), or None when none has coordinates."""
    points = [
        {
            "name": site.name,
            "url": site.get_absolute_url(),
            "lat": float(site.latitude),
            "lng": float(site.longitude),
        }
        for site in sites
        if site.latitude is not None and site.longitude is not None
    ]
    if not points:
        return None
    return {"tiles": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION, "points": points}


def site_name():
    """SQL for ``HeritageSite.name``: the name in the page's language, else in the other one, else the French."""
    names = [NullIf(F(f"name_{code}"), Value("")) for code in [*language_order(), "fr"]]
    return Coalesce(*names, Value(""))


def sites_map_response(request, sites):
    """The map of every site the list page's search finds among ``sites`` (``visible_to`` the user)."""
    return map_response(
        request,
        HeritageSiteFilterSet,
        sites,
        detail_url_name="heritage:detail",
        latitude="latitude",
        longitude="longitude",
        name=site_name(),
        too_many=TOO_MANY_SITES,
    )
