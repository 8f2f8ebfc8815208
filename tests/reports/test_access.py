"""Every reports URL over the fixed users, with the production settings (DEBUG off)."""

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import reverse

from reports.models import Access
from reports.samplepdf import make_pdf
from tests.reports.conftest import make_report

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production")]

USERS = ["anonymous", "applicant", "member", "suspended_member", "staff"]

# What each user gets from a report's detail page and its file, by the report's access level.
EXPECTED = {
    Access.PUBLIC: (200, 200, 200, 200, 200),
    Access.MEMBERS: (404, 404, 200, 404, 200),
    Access.STAFF: (404, 404, 404, 404, 200),
}


@pytest.fixture
def production():
    with override_settings(DEBUG=False):
        yield


@pytest.fixture
def reports():
    return {
        access: make_report(access=access, title_en=f"{access} report", pdf=make_pdf([[f"{access} text"]]))
        for access in Access.values
    }


def sign_in(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))


@pytest.mark.parametrize("who", USERS)
def test_the_list_shows_each_user_the_reports_they_may_see(client, request, reports, who):
    sign_in(client, request, who)
    response = client.get(reverse("reports:list"))
    assert response.status_code == 200
    column = USERS.index(who)
    expected = sorted(f"{access} report" for access in Access.values if EXPECTED[access][column] == 200)
    assert sorted(report.title_en for report in response.context["results"]) == expected


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("access", Access.values)
def test_a_report_page_answers_as_its_access_level_says(client, request, reports, who, access):
    sign_in(client, request, who)
    response = client.get(reports[access].get_absolute_url())
    assert response.status_code == EXPECTED[access][USERS.index(who)]


@pytest.mark.parametrize("who", USERS)
@pytest.mark.parametrize("access", Access.values)
def test_a_report_file_answers_as_its_report_access_level_says(client, request, reports, who, access):
    sign_in(client, request, who)
    report_file = reports[access].files.get()
    response = client.get(report_file.get_absolute_url())
    expected = EXPECTED[access][USERS.index(who)]
    assert response.status_code == expected
    if expected == 200:
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Security-Policy"] == "sandbox"
        if access != Access.PUBLIC:
            assert response["Cache-Control"] == "private, no-store"


def test_a_members_only_file_is_a_404_for_anonymous_and_200_for_a_member(client, member, reports):
    url = reports[Access.MEMBERS].files.get().get_absolute_url()
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 200


def test_a_file_is_not_found_under_another_report(client, member, reports):
    client.force_login(member)
    members_file = reports[Access.MEMBERS].files.get()
    url = reverse("reports:file", args=[reports[Access.PUBLIC].pk, members_file.pk])
    assert client.get(url).status_code == 404


def test_a_file_is_downloaded_under_its_original_name_and_stored_under_a_random_one(client, reports):
    report_file = reports[Access.PUBLIC].files.get()
    assert report_file.original_name == "Survey Report.pdf"
    assert "Survey" not in report_file.file.name
    assert report_file.file.name.endswith(".pdf") and len(report_file.file.name) == len("reports/") + 32 + 4
    response = client.get(report_file.get_absolute_url())
    assert 'filename="Survey Report.pdf"' in response["Content-Disposition"]


def test_staff_without_the_view_permission_do_not_see_staff_only_reports(client, staff_without_second_factor, reports):
    client.force_login(staff_without_second_factor)
    assert client.get(reports[Access.STAFF].get_absolute_url()).status_code == 404
    assert client.get(reports[Access.MEMBERS].get_absolute_url()).status_code == 200


def test_the_sitemap_lists_public_reports_only(client, reports):
    body = client.get(reverse("sitemap")).content.decode()
    assert reports[Access.PUBLIC].get_absolute_url() in body
    assert reports[Access.MEMBERS].get_absolute_url() not in body
    assert reports[Access.STAFF].get_absolute_url() not in body


def test_the_header_links_to_the_reports_for_everyone(client):
    assert f'href="{reverse("reports:list")}"' in client.get(reverse("home")).content.decode()


def test_a_japanese_file_name_is_sent_as_rfc_6266_says(client):
    report = make_report(access=Access.PUBLIC)
    report_file = report.files.create(file=ContentFile(make_pdf([["x"]]), name="調査報告.pdf"), language="ja")
    disposition = client.get(report_file.get_absolute_url())["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''%E8%AA%BF%E6%9F%BB%E5%A0%B1%E5%91%8A.pdf"
