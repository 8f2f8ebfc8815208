from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from reports.demo import REPORTS
from reports.models import Access, Report, ReportFile

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    out = StringIO()
    call_command("seed_demo", experts=30, projects=30, seed=3, stdout=out)
    return out.getvalue()


def test_seed_demo_adds_reports_with_readable_pdfs_linked_to_seeded_records(seeded):
    assert Report.objects.count() == len(REPORTS)
    assert ReportFile.objects.count() == 2 * len(REPORTS)
    assert set(ReportFile.objects.values_list("extraction_status", flat=True)) == {ReportFile.Extraction.DONE}
    assert Report.objects.filter(countries__isnull=False).distinct().count() == len(REPORTS)
    assert Report.objects.filter(sites__isnull=False).exists()
    assert Report.objects.filter(projects__isnull=False).exists()
    assert Report.objects.filter(events__isnull=False).exists()


def test_seeding_again_adds_no_copies(seeded):
    call_command("seed_demo", experts=0, projects=0, stdout=StringIO())
    assert Report.objects.count() == len(REPORTS)
    assert ReportFile.objects.count() == 2 * len(REPORTS)


@pytest.mark.parametrize(("q", "title"), [("drainage", "Lao PDR"), ("修復", "Lao PDR"), ("reassembly", "Nepal")])
def test_a_visitor_finds_a_demo_report_by_a_word_from_its_pdf(client, seeded, q, title):
    response = client.get(reverse("reports:list"), {"q": q})
    titles = [report.title_en for report in response.context["results"]]
    assert any(title in found for found in titles)
    assert all(report.access == Access.PUBLIC for report in response.context["results"])
