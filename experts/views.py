from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET, require_POST

from consortium.bilingual import localized_names
from consortium.models import Country
from experts.exports import ExpertExport
from experts.filters import ExpertFilterSet
from experts.models import Expert, Specialty
from members.access import member_required
from projects.models import CooperationProject, Participation
from search.columns import search_columns
from search.exports import export_links, export_response
from search.highlight import highlight
from search.paging import search_page


def _get_expert_for_user(user, pk):
    """The expert, if this user may see it: staff-only records are a 404 for members."""
    queryset = Expert.objects.visible_to(user).select_related("organization", "organization__country")
    return get_object_or_404(queryset.defer(*search_columns()), pk=pk)


@require_GET
@member_required
def expert_list(request):
    queryset = (
        Expert.objects.visible_to(request.user)
        .select_related("organization")
        .annotate(
            specialty_names=localized_names(Specialty, "experts"), country_names=localized_names(Country, "experts")
        )
        .defer(*search_columns(), "biography_ja", "biography_en")
    )
    context = search_page(request, ExpertFilterSet, queryset)
    query = context["query"]
    for expert in context["results"]:
        expert.marked_name = highlight(expert.display_name, query)
        other_names = [name for name in (expert.name_ja, expert.name_kana, expert.name_en) if name]
        expert.marked_other_names = [highlight(name, query) for name in other_names if name != expert.display_name]
    context.update(export_links(request, "experts:export"))
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
    }
    return render(request, "experts/expert_detail.html", context)
