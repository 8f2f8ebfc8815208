"""The site search page, ``/<lang>/search/?q=``: what it finds, and for whom, is in ``search.site``.

``?kind=news`` (or ``events``, ``pages``) pages through one kind that no other page searches; reports and
the database's kinds link to their own search pages instead.
"""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from members.access import Level, access_level
from search.paging import PER_PAGE, paginate
from search.query import Query
from search.site import PUBLIC_KINDS, Group, database_groups, public_groups
from search.site_forms import SiteSearchForm
from search.unified import search_database

CACHE_SECONDS = 300
"""How long a shared cache may keep a visitor's answer: news appear a few minutes late at worst."""


@require_GET
def site_search(request):
    query = Query.parse(request.GET.get("q", ""))
    notes = list(query.notes)
    kind = PUBLIC_KINDS.get(request.GET.get("kind", ""))
    if request.GET.get("kind") and kind is None:
        notes.append(gettext("The search covers every kind of page: the kind asked for is not one of them."))
    context = {
        "query": query,
        "form": SiteSearchForm(initial={"q": query.raw, "kind": kind.key if kind else ""}),
        "kind": kind,
    }
    if query and kind:
        found = kind.found(query)
        page, page_note = paginate(found, request.GET.get("page"), PER_PAGE, counted=(found.count(), True))
        if page_note:
            notes.append(page_note)
        group = Group(kind.key, kind.heading, page.paginator.count, [kind.hit(row) for row in page.object_list])
        context.update(public=[group], page_obj=page, total=group.count)
    elif query:
        public = public_groups(request.user, query)
        database = []
        if access_level(request.user) >= Level.MEMBER:
            database = database_groups(search_database(request, {"q": query.raw}, query=query))
        context.update(public=public, database=database, total=sum(group.count for group in public + database))
    context["ignored"] = notes
    response = render(request, "search/site.html", context)
    if request.user.is_authenticated:
        # A signed-in visitor's page carries their menu, and a member's their database: never shared.
        add_never_cache_headers(response)
    else:
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        patch_vary_headers(response, ["Cookie"])
    return response
