from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from experts import claims
from experts.contact_details import open_contact_details
from experts.exports import ExpertExport
from experts.filters import ExpertFilterSet
from experts.models import Expert
from members.access import member_required
from projects.models import CooperationProject, Participation
from search.columns import search_columns
from search.exports import export_links, export_response
from search.paging import search_page
from search.saved_views import save_search_form


def _get_expert_for_user(user, pk):
    """The expert, if this user may see it: staff-only records are a 404 for members."""
    return get_object_or_404(Expert.objects.visible_to(user).for_detail(), pk=pk)


@require_GET
@member_required
def expert_list(request):
    context = search_page(request, ExpertFilterSet, Expert.objects.visible_to(request.user).for_list())
    context.update(export_links(request, "experts:export"))
    context["save_search_form"] = save_search_form(request, "experts")
    return render(request, "experts/expert_list.html", context)


@require_POST
@member_required
def expert_export(request, fmt):
    return export_response(request, ExpertExport, fmt)


@require_GET
@member_required
def expert_detail(request, pk):
    expert = _get_expert_for_user(request.user, pk)
    participations = (
        Participation.objects.filter(expert=expert, project__in=CooperationProject.objects.visible_to(request.user))
        .select_related("project")
        .defer(*search_columns("project"))
        .order_by("-project__start_year", "project__pk", "role")
    )
    context = {
        "expert": expert,
        "participations": participations,
        "specialties": expert.specialties.all(),
        "countries": expert.countries.all(),
        "languages": expert.languages.all(),
        "publications": expert.publications.all(),
        "is_own": expert.user_id is not None and expert.user_id == request.user.pk,
        "may_claim": claims.may_claim(request.user, expert),
        "contact": open_contact_details(request.user, expert),
    }
    return render(request, "experts/expert_detail.html", context)
