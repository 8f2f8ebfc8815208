from django.shortcuts import get_object_or_404, render
from django.views.decorators.gzip import gzip_page
from django.views.decorators.http import require_GET, require_POST

from experts.models import Expert
from heritage.maps import map_data
from heritage.models import HeritageSite
from members.access import member_required
from projects.exports import ProjectExport
from projects.filters import ProjectFilterSet
from projects.maps import projects_map_response
from projects.models import CooperationProject, Participation
from reports.views import reports_about
from search.columns import search_columns
from search.exports import export_links, export_response
from search.maps import map_source
from search.paging import search_page
from search.saved_views import save_search_form


def _get_project_for_user(user, pk):
    """The project, if this user may see it: staff-only records are a 404 for members."""
    return get_object_or_404(CooperationProject.objects.visible_to(user).for_detail(), pk=pk)


@require_GET
@member_required
def project_list(request):
    context = search_page(request, ProjectFilterSet, CooperationProject.objects.visible_to(request.user).for_list())
    context.update(export_links(request, "projects:export"))
    context["save_search_form"] = save_search_form(request, "projects")
    # The map shows where every result works, not only the page's: the browser fetches it from project_map.
    if context["results"]:
        context["map_source"] = map_source(request, "projects:map")
    return render(request, "projects/project_list.html", context)


@gzip_page
@require_GET
@member_required
def project_map(request):
    """The places of every project the list's search finds, as points for its map (``search.maps``)."""
    return projects_map_response(request, CooperationProject.objects.visible_to(request.user))


@require_POST
@member_required
def project_export(request, fmt):
    return export_response(request, ProjectExport, fmt)


@require_GET
@member_required
def project_detail(request, pk):
    project = _get_project_for_user(request.user, pk)
    experts = Expert.objects.visible_to(request.user)
    participations = (
        Participation.objects.filter(project=project, expert__in=experts)
        .select_related("expert", "expert__organization")
        .defer(*search_columns("expert"))
        .order_by("role", "expert__family_name_en", "expert__pk")
    )
    sites = (
        HeritageSite.objects.visible_to(request.user).filter(projects=project).prefetch_related("countries").brief()
    )
    context = {
        "project": project,
        "participations": participations,
        # The map and the list share the one evaluation of ``sites``.
        "sites": sites,
        "map": map_data(sites),
        "countries": project.countries.all(),
        "partners": project.partners.all(),
        "funders": project.funders.all(),
        "documents": project.documents.all(),
        "reports": reports_about(request.user, projects=project),
    }
    return render(request, "projects/project_detail.html", context)
