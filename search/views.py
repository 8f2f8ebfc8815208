"""The unified search: experts, projects and sites at once, with the best hits of each."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from consortium.bilingual import localized
from experts.filters import ExpertFilterSet
from experts.models import Expert
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from members.access import member_required
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject
from search.columns import search_columns
from search.highlight import highlight

BEST_HITS = 5

KINDS = (
    # (key, heading, model, filter set, list page, field with the bilingual title)
    ("experts", _("Experts"), Expert, ExpertFilterSet, "experts:list", None),
    ("projects", _("Cooperation projects"), CooperationProject, ProjectFilterSet, "projects:list", "title"),
    ("sites", _("Heritage sites"), HeritageSite, HeritageSiteFilterSet, "heritage:list", "name"),
)


def _title(obj, field):
    if field is None:
        return obj.display_name
    value = localized(obj, field)
    return value.text or getattr(obj, f"{field}_fr", "")


@require_GET
@member_required
def database(request):
    q = request.GET.get("q", "")
    filtersets = {
        key: filterset_class({"q": q}, queryset=model.objects.visible_to(request.user).defer(*search_columns()))
        for key, _heading, model, filterset_class, _url, _field in KINDS
    }
    # One parse serves every kind: the same words, notes and highlighting.
    first = filtersets["experts"]
    query = first.query
    groups = []
    if query:
        for key, heading, _model, _filterset_class, url_name, field in KINDS:
            results = filtersets[key].page_qs
            count, exact = filtersets[key].counted
            hits = list(results[:BEST_HITS]) if count else []
            for hit in hits:
                hit.marked_title = highlight(_title(hit, field), query)
            groups.append(
                {
                    "key": key,
                    "heading": heading,
                    "count": count,
                    "count_is_exact": exact,
                    "hits": hits,
                    "url": f"{reverse(url_name)}?{urlencode({'q': query.raw})}",
                }
            )
    context = {
        "query": query,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
        "ignored": first.ignored(),
        "search_form": first.form,
        "unified": True,
    }
    return render(request, "consortium/database.html", context)
