"""The unified search: experts, projects and sites at once, with the best hits of each."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from members.access import member_required
from search.unified import search_database


@require_GET
@member_required
def database(request):
    found = search_database(request, {"q": request.GET.get("q", "")})
    context = {
        "query": found.query,
        "groups": found.groups,
        "total": found.total,
        "ignored": found.first.ignored(),
        "search_form": found.first.form,
        "unified": True,
    }
    return render(request, "consortium/database.html", context)
