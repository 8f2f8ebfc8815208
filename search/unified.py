"""The unified search's groups: the best hits of experts, projects and sites for one query.

The database page (``search.views.database``) and the site search (``search.site_views``, for members)
both show them; each kind's records come through ``visible_to(user)``, the one access rule.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from experts.filters import ExpertFilterSet
from experts.models import Expert
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject

BEST_HITS = 5

KINDS = (
    # (key, heading, model, filter set, list page)
    ("experts", _("Experts"), Expert, ExpertFilterSet, "experts:list"),
    ("projects", _("Cooperation projects"), CooperationProject, ProjectFilterSet, "projects:list"),
    ("sites", _("Heritage sites"), HeritageSite, HeritageSiteFilterSet, "heritage:list"),
)


@dataclass
class UnifiedSearch:
    query: object
    """The parsed search (``search.query.Query``), shared by every kind."""
    groups: list
    """One dict per kind when there is a query: key, heading, count, count_is_exact, hits, url."""
    first: object
    """The experts' filter set, whose form and notes the database page shows."""

    @property
    def total(self):
        return sum(group["count"] for group in self.groups)


def search_database(request, data, query=None):
    """The experts, projects and sites the request's user may see that match ``data`` (``{"q": ...}``),
    parsed once: by the first filter set, or before (``query``, the parse of the same text). The request
    tells the filter sets who asks, so their results are cached for that audience (``search.cache``)."""
    filtersets = {}
    for key, _heading, model, filterset_class, _url in KINDS:
        queryset = model.objects.visible_to(request.user).brief()
        # One parse serves every kind: the first filter set's, given to the others.
        filtersets[key] = filterset_class(data, queryset=queryset, query=query, request=request)
        query = filtersets[key].query
    groups = []
    if query:
        for key, heading, _model, _filterset_class, url_name in KINDS:
            count, exact = filtersets[key].counted
            groups.append(
                {
                    "key": key,
                    "heading": heading,
                    "count": count,
                    "count_is_exact": exact,
                    "hits": list(filtersets[key].page_qs[:BEST_HITS]) if count else [],
                    "url": f"{reverse(url_name)}?{urlencode({'q': query.raw})}",
                }
            )
    return UnifiedSearch(query=query, groups=groups, first=filtersets["experts"])
