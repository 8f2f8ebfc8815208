from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET

from consortium.files import protected_file_response
from consortium.models import Country
from reports.filters import ReportFilterSet
from reports.models import Report, ReportFile
from search.columns import search_columns
from search.paging import PER_PAGE, list_context, paginate

LIST_DEFERRED = [*search_columns(), "file_text", "abstract_ja", "abstract_en"]


def visible_reports(user):
    """The reports ``user`` may see, without the columns no page shows."""
    return Report.objects.visible_to(user).defer(*search_columns(), "file_text")


def reports_about(user, **concerning):
    """The reports a project, site or event page lists (``projects=project``): those ``user`` may see, in one query."""
    return (
        visible_reports(user)
        .filter(**concerning)
        .defer("abstract_ja", "abstract_en")
        .order_by("-fiscal_year", "-published_on", "pk")
    )


def _never_shared(request, response):
    # The page differs by who asks: a shared cache must not hand a member's page to a visitor.
    patch_vary_headers(response, ["Cookie"])
    if request.user.is_authenticated:
        response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def report_list(request):
    queryset = (
        Report.objects.visible_to(request.user)
        .defer(*LIST_DEFERRED)
        .prefetch_related(Prefetch("countries", queryset=Country.objects.only("code", "name_ja", "name_en")))
    )
    filterset = ReportFilterSet(request.GET, queryset=queryset, request=request)
    results = filterset.qs
    page, page_note = paginate(results, request.GET.get("page"), PER_PAGE, counted=(results.count(), True))
    context = list_context(request, filterset, page, page_note)
    return _never_shared(request, render(request, "reports/report_list.html", context))


@require_GET
def report_detail(request, pk):
    report = get_object_or_404(visible_reports(request.user).select_related("organization"), pk=pk)
    user = request.user
    context = {
        "report": report,
        "files": report.files.defer("text").order_by("language", "pk"),
        "authors": report.authors.visible_to(user).for_detail(),
        "countries": report.countries.all(),
        "sites": report.sites.visible_to(user).brief(),
        "projects": report.projects.visible_to(user).brief(),
        "events": report.events.previewable_by(user),
        "shows_files_text_status": user.has_perm("reports.change_report"),
    }
    return _never_shared(request, render(request, "reports/report_detail.html", context))


@require_GET
def report_file(request, pk, file_pk):
    """A report's file, found through the reports the user may see: a 404 for anything else."""
    report_file = get_object_or_404(
        ReportFile.objects.filter(report__in=Report.objects.visible_to(request.user)).select_related("report"),
        pk=file_pk,
        report_id=pk,
    )
    # Never kept by a cache, even for a public report: staff may make the report members-only, or
    # replace its file, at the same address.
    return protected_file_response(report_file.file, download_name=report_file.original_name or f"report-{pk}.pdf")
