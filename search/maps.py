"""A list page's map of every result: the places of all the records its search finds, in one compact answer.

The page lists twenty results; its map shows every matching record that has a place. The points come
from a JSON endpoint beside the list (``map.json``, with the list's own query string), which runs the
list's filter set over ``visible_to(user)``: the same filters and the same access rule as the page, so
the map shows nothing the list would not. static/js/map.js fetches it once the page has loaded and
clusters the points; without JavaScript or map tiles the page is the plain list.

The answer is kept small because it may carry thousands of points: each point is an array
``[id, latitude, longitude, name]``, every record's address is made in the browser from one pattern
(``url``, in which ``{id}`` stands for the id), and the view sends it compressed.
"""

from django.conf import settings
from django.http import JsonResponse
from django.urls import reverse

MAP_POINT_LIMIT = 5_000
"""A map holds at most this many points; with more, it says so and asks for a narrower search."""

_PK_STANDIN = 9_876_543_210
"""An id no record has, reversed into a detail address to make its pattern (``url_pattern``)."""


def url_pattern(url_name):
    """The address of the record ``url_name`` names, with ``{id}`` where its id goes: ``/en/heritage/{id}/``."""
    address = reverse(url_name, args=[_PK_STANDIN])
    return address.replace(str(_PK_STANDIN), "{id}")


def map_source(request, url_name):
    """The address of a list page's map endpoint ``url_name``, with the page's search minus its page number."""
    params = request.GET.copy()
    params.pop("page", None)
    query = params.urlencode()
    return reverse(url_name) + (f"?{query}" if query else "")


def map_points(found, *, latitude, longitude, name):
    """Up to MAP_POINT_LIMIT + 1 points ``[id, latitude, longitude, name]`` of the records of ``found`` that
    have a place, in one query: ``latitude`` and ``longitude`` are lookups, ``name`` an expression."""
    rows = (
        found.filter(**{f"{latitude}__isnull": False, f"{longitude}__isnull": False})
        .order_by("pk")
        .values_list("pk", latitude, longitude, name)
        # A place reached through a link table (a project's sites) could come twice through a filter's join.
        .distinct()[: MAP_POINT_LIMIT + 1]
    )
    return [[pk, float(lat), float(lng), label] for pk, lat, lng, label in rows]


def map_response(request, filterset_class, queryset, *, detail_url_name, latitude, longitude, name, too_many):
    """The JSON map of every result of the list page that ``filterset_class`` serves, over ``queryset``
    (already ``visible_to(request.user)``). Values the list ignores are ignored here too, as the page
    says, so that the map always shows the page's search. ``too_many`` is the note shown when more than
    MAP_POINT_LIMIT results have a place (a translated text with ``%(limit)s``)."""
    filterset = filterset_class(request.GET, queryset=queryset, request=request)
    points = map_points(filterset.results.found, latitude=latitude, longitude=longitude, name=name)
    data = {
        "tiles": settings.MAP_TILE_URL,
        "attribution": settings.MAP_TILE_ATTRIBUTION,
        "url": url_pattern(detail_url_name),
        "points": points[:MAP_POINT_LIMIT],
    }
    if len(points) > MAP_POINT_LIMIT:
        data["note"] = str(too_many) % {"limit": f"{MAP_POINT_LIMIT:,}"}
    # Names in Japanese as UTF-8 rather than \u escapes: a third of the size.
    return JsonResponse(data, json_dumps_params={"separators": (",", ":"), "ensure_ascii": False})
