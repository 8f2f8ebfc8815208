"""The data behind a map of sites: the points of records a page already lists, and the tile server.

A map only repeats, as points, the sites listed on the same page, taken from
the page's own queryset: it shows nothing the list does not, and the page
reads the same without it (static/js/map.js draws it from a JSON block).
"""

from django.conf import settings


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
