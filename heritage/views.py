from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from experts.models import Expert
from heritage.exports import HeritageSiteExport
from heritage.filters import HeritageSiteFilterSet
from heritage.maps import map_data, sites_map_response
from heritage.models import HeritageSite
from members.access import member_required
from projects.models import CooperationProject
from reports.views import reports_about
from search.exports import export_links, export_response
from search.maps import map_source
from search.paging import search_page
from search.saved_views import save_search_form


def _get_site_for_user(user, pk):
    """The site, if this user may use the database."""
    return get_object_or_404(HeritageSite.objects.visible_to(user).for_detail(), pk=pk)


@require_GET
@member_required
def site_list(request):
    context = search_page(request, HeritageSiteFilterSet, HeritageSite.objects.visible_to(request.user).for_list())
    context.update(export_links(request, "heritage:export"))
    context["save_search_form"] = save_search_form(request, "sites")
    # The map shows every result, not the page's: the browser fetches them from site_map.
    if context["results"]:
        context["map_source"] = map_source(request, "heritage:map")
    return render(request, "heritage/site_list.html", context)


@gzip_page
@require_GET
@member_required
def site_map(request):
    """Every site the list's search finds, as points for its map (``search.maps``)."""
    return sites_map_response(request, HeritageSite.objects.visible_to(request.user))


@require_POST
@member_required
def site_export(request, fmt):
    return export_response(request, HeritageSiteExport, fmt)


@require_GET
@member_required
def site_detail(request, pk):
    site = _get_site_for_user(request.user, pk)
    projects = (
        CooperationProject.objects.visible_to(request.user).filter(sites=site).brief().order_by("-start_year", "pk")
    )
    # "Who has worked here?": the experts on this site's projects that the member may see.
    experts = (
        Expert.objects.visible_to(request.user)
        .filter(participations__project__in=projects.values("pk"))
        .annotate(project_count=Count("participations__project", distinct=True))
        .select_related("organization")
        .for_detail()
        .order_by("-project_count", "family_name_en", "pk")
    )
    context = {
        "site": site,
        "countries": site.countries.all(),
        "threats": site.threats.all(),
        "danger_periods": site.danger_periods.all(),
        "projects": projects,
        "experts": experts,
        "map": map_data([site]),
        "reports": reports_about(request.user, sites=site),
    }
    return render(request, "heritage/site_detail.html", context)
