import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from consortium.fiscal import fiscal_year_label
from reports.models import Access, Report, ReportFile
from reports.samplepdf import make_pdf
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

BROKEN_PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nthis is not the rest of a PDF"


@pytest.mark.parametrize(("language", "label"), [("ja", "2024年度"), ("en", "FY2024")])
def test_a_fiscal_year_is_shown_as_the_language_writes_it(language, label):
    with translation.override(language):
        assert fiscal_year_label(2024) == label
        assert make_report(fiscal_year=2024).fiscal_year_label == label


@pytest.mark.parametrize(("prefix", "label"), [("/ja", "2024年度"), ("/en", "FY2024")])
def test_the_report_pages_show_the_fiscal_year_in_the_page_language(client, prefix, label):
    report = make_report(access=Access.PUBLIC, fiscal_year=2024)
    assert label in client.get(f"{prefix}/reports/").content.decode()
    assert label in client.get(f"{prefix}/reports/{report.pk}/").content.decode()


def test_a_failed_extraction_keeps_the_report_and_its_file():
    report = make_report(pdf=BROKEN_PDF)
    report_file = ReportFile.objects.get(report=report)
    assert report_file.extraction_status == ReportFile.Extraction.FAILED
    assert report_file.extraction_error
    assert report_file.file.storage.exists(report_file.file.name)
    assert report_file.file.read() == BROKEN_PDF


def test_staff_upload_a_pdf_whose_text_cannot_be_read_and_see_why(staff_client):
    data = {
        "title_ja": "壊れた報告書",
        "title_en": "",
        "kind": Report.Kind.OTHER,
        "fiscal_year": "2019",
        "access": Access.MEMBERS,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-0-file": SimpleUploadedFile("broken.pdf", BROKEN_PDF, content_type="application/pdf"),
        "files-0-language": "ja",
    }
    response = staff_client.post(reverse("admin:reports_report_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    report = Report.objects.get(title_ja="壊れた報告書")
    report_file = report.files.get()
    assert report_file.original_name == "broken.pdf"
    assert report_file.extraction_status == ReportFile.Extraction.FAILED
    changelist = staff_client.get(reverse("admin:reports_report_changelist")).content.decode()
    assert "text could not be read" in changelist
    change = staff_client.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert report_file.extraction_error.split()[0] in change
    detail = staff_client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "could not be read" in detail


def test_staff_upload_a_readable_pdf_and_search_finds_it(staff_client, client, member):
    pdf = make_pdf([["The stupa was surveyed after the earthquake."], ["仏塔の地震後調査"]])
    data = {
        "title_en": "Stupa survey",
        "kind": Report.Kind.RECOVERY_SURVEY,
        "fiscal_year": "2016",
        "access": Access.MEMBERS,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-0-file": SimpleUploadedFile("stupa.pdf", pdf, content_type="application/pdf"),
        "files-0-language": "en",
    }
    assert staff_client.post(reverse("admin:reports_report_add"), data).status_code == 302
    client.force_login(member)
    response = client.get(reverse("reports:list"), {"q": "earthquakes"})
    assert [report.title_en for report in response.context["results"]] == ["Stupa survey"]
    response = client.get(reverse("reports:list"), {"q": "地震"})
    assert [report.title_en for report in response.context["results"]] == ["Stupa survey"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("page.pdf", b"<!doctype html><script>alert(1)</script>"), ("notes.docx", b"PK\x03\x04rest"), ("empty.pdf", b"")],
)
def test_anything_but_a_pdf_is_refused_and_nothing_stored(staff_client, name, content):
    data = {
        "title_en": "Refused",
        "kind": Report.Kind.OTHER,
        "fiscal_year": "2019",
        "access": Access.MEMBERS,
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-0-file": SimpleUploadedFile(name, content),
        "files-0-language": "en",
    }
    response = staff_client.post(reverse("admin:reports_report_add"), data)
    assert response.status_code == 200
    assert not Report.objects.exists()
    assert not ReportFile.objects.exists()


def test_the_admin_records_the_history_of_a_report(staff_client):
    report = make_report(title_en="Before")
    report.title_en = "After"
    report.save()
    history = staff_client.get(reverse("admin:reports_report_history", args=[report.pk]))
    assert history.status_code == 200
    assert report.history.count() == 2


def test_the_detail_page_notes_a_text_shown_in_the_other_language(client):
    report = make_report(access=Access.PUBLIC, title_en="", title_ja="ラオス調査", abstract_ja="日本語の要旨")
    page = client.get(f"/en/reports/{report.pk}/").content.decode()
    assert "This entry is only available in Japanese." in page
    assert "日本語の要旨" in page
