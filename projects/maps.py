"""The list page's map of projects: a project has no place of its own, so it is shown at each of its
heritage sites that has coordinates (a project at two sites is two points, both leading to it).

The points come from ``map.json`` beside the list (``search.maps``), under the list's filters and
the access rule: a staff-only project is on the map only for the staff who may see it. Every site is
for every member, so showing where a visible project works shows nothing hidden.
"""

from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized_expression
from projects.filters import ProjectFilterSet
from search.maps import map_response

TOO_MANY_PLACES = _(
    "The map shows %(limit)s of the places of the projects found, no more: narrow the search to see the others."
)


def projects_map_response(request, projects):
    """The map of every project the list page's search finds among ``projects`` (``visible_to`` the user)."""
    return map_response(
        request,
        ProjectFilterSet,
        projects,
        detail_url_name="projects:detail",
        latitude="sites__latitude",
        longitude="sites__longitude",
        name=localized_expression("title"),
        too_many=TOO_MANY_PLACES,
    )
