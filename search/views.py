"""The unified search: experts, projects and sites at once, with the best hits of each."""

from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from experts.filters import ExpertFilterSet
from experts.models import Expert
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from members.access import member_required
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject

BEST_HITS = 5

KINDS = (
    # (key, heading, model, filter set, list page)
    ("experts", _("Experts"), Expert, ExpertFilterSet, "experts:list"),
    ("projects", _("Cooperation projects"), CooperationProject, ProjectFilterSet, "projects:list"),
    ("sites", _("Heritage sites"), HeritageSite, HeritageSiteFilterSet, "heritage:list"),
)


@require_GET
@member_required
def database(request):
    data = {"q": request.GET.get("q", "")}
    # One parse serves every kind: the first filter set's, given to the others.
    filtersets, query = {}, None
    for key, _heading, model, filterset_class, _url in KINDS:
        queryset = model.objects.visible_to(request.user).brief()
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
    first = filtersets["experts"]
    context = {
        "query": query,
        "groups": groups,
        "total": sum(group["count"] for group in groups),
        "ignored": first.ignored(),
        "search_form": first.form,
        "unified": True,
    }
    return render(request, "consortium/database.html", context)
