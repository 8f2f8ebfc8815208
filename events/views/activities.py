"""The activity reports: the fiscal years that have one, a year's report as a page and as CSV."""

import csv

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from consortium.fiscal import fiscal_year
from events.activities import activity_report, activity_years
from events.models.activities import FIRST_FISCAL_YEAR
from search.exports import neutralised


def _report_or_404(year):
    """A past or present fiscal year's report; a year before the records, to come, or with nothing in it has none."""
    if not FIRST_FISCAL_YEAR <= year <= fiscal_year(timezone.localdate()):
        raise Http404
    report = activity_report(year)
    if report.is_empty:
        raise Http404
    return report


@require_GET
def activity_index(request):
    return render(request, "events/activities_index.html", {"years": activity_years()})


@require_GET
def activity_detail(request, year):
    return render(request, "events/activities_detail.html", {"report": _report_or_404(year)})


@require_GET
def activity_csv(request, year):
    report = _report_or_404(year)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="activities-{year}-{request.LANGUAGE_CODE}.csv"'
    # The byte-order mark tells spreadsheet programs the file is UTF-8, so Japanese reads as Japanese.
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow([report.fiscal_year.label, "", ""])
    writer.writerow([_("section"), _("figure"), _("count")])
    for section, figure, value in report.rows():
        writer.writerow([neutralised(section), neutralised(figure), value])
    return response
