"""Exports: the same rows as the list page, within the limit, nothing staff-only for members, each recorded."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import gettext, override
from openpyxl import load_workbook

from consortium.models import DataExport
from experts.models import Expert
from search import exports

SEARCHES = [
    ("experts", {"q": "conservation"}),
    ("experts", {"country": "AF", "sort": "name"}),
    ("projects", {"q": "Bamiyan"}),
    ("heritage", {"category": "cultural", "sort": "year"}),
]


def read_csv(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def export(client, app, fmt="csv", params=None, language="en"):
    """Posts the list page's download form: the search's parameters travel as form fields."""
    with override(language):
        url = reverse(f"{app}:export", args=[fmt])
    return client.post(url, params or {})


@pytest.mark.parametrize(("app", "params"), SEARCHES)
def test_export_rows_are_the_list_pages_results_in_order(member_client, records, app, params):
    with override("en"):
        page = member_client.get(reverse(f"{app}:list"), params)
        expected = ["http://testserver" + obj.get_absolute_url() for obj in page.context["results"]]
    assert expected

    rows = read_csv(export(member_client, app, "csv", params))
    assert [row[0] for row in rows[1:]] == expected


def test_xlsx_holds_the_same_rows_and_says_what_it_is(member_client, records):
    params = {"q": "Bamiyan"}
    response = export(member_client, "projects", "xlsx", params)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    results, about = workbook.worksheets
    addresses = [row[0] for row in results.iter_rows(min_row=2, values_only=True)]
    assert addresses == ["http://testserver" + records.bamiyan_project.get_absolute_url()]
    about_rows = dict(about.iter_rows(values_only=True))
    assert about_rows["Rows"] == 1
    assert about_rows["Search"] == "?q=Bamiyan"


def test_the_limit_is_honoured_and_stated(member_client, records, monkeypatch):
    monkeypatch.setattr(exports, "EXPORT_LIMIT", 2)
    response = export(member_client, "experts")
    assert len(read_csv(response)) == 1 + 2
    assert "-first-2.csv" in response["Content-Disposition"]
    record = DataExport.objects.get()
    assert (record.row_count, record.truncated) == (2, True)

    with override("en"):
        page = member_client.get(reverse("experts:list"))
    assert "at most the first 2 rows" in page.content.decode()


def test_members_get_no_staff_only_records_or_fields(member_client, staff_client, records):
    rows = read_csv(export(member_client, "experts", params={"q": "conservation"}))
    header, body = rows[0], rows[1:]
    assert "Visibility" not in header
    assert records.hidden_expert.family_name_en not in str(body)
    # Contact details are members' data, as on the detail page.
    assert "E-mail" in header

    rows = read_csv(export(member_client, "projects", params={"q": "Bamiyan"}))
    assert "Confidential" not in str(rows)

    rows = read_csv(export(staff_client, "experts", params={"q": "conservation"}))
    assert "Visibility" in rows[0]
    assert records.hidden_expert.family_name_en in str(rows[1:])


def test_related_names_are_joined_in_the_page_language_with_fallback(member_client, records):
    rows = read_csv(export(member_client, "projects", params={"q": "Djemila"}, language="ja"))
    with override("ja"):
        headers = [gettext("Title"), gettext("Countries"), gettext("Heritage sites")]
    row = dict(zip(rows[0], rows[1], strict=True))
    # This project has only an English title: the Japanese export falls back to it.
    assert [row[header] for header in headers] == ["Mosaic restorations at Djémila", "アルジェリア", "ジェミラ"]

    rows = read_csv(export(member_client, "experts", params={"q": "Dupont"}))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Specialties"] == "Archaeology; Conservation science"


def test_each_export_is_recorded(member_client, member, records):
    export(member_client, "heritage", "xlsx", {"q": "Bamiyan", "page": "3"})
    record = DataExport.objects.get()
    assert record.user == member
    assert record.user_email == member.email
    assert (record.kind, record.format, record.language) == ("sites", "xlsx", "en")
    assert record.query_string == "q=Bamiyan"
    assert record.row_count == 1
    assert not record.truncated


def test_cells_that_look_like_formulas_are_neutralised(member_client, records):
    Expert.objects.filter(pk=records.dupont.pk).update(
        department='=HYPERLINK("http://evil.example","click")', phone="+33 1 23", position_en="@SUM(A1)"
    )
    rows = read_csv(export(member_client, "experts", params={"q": "Dupont"}))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Department"] == '\'=HYPERLINK("http://evil.example","click")'
    assert row["Telephone"] == "'+33 1 23"
    assert row["Position"] == "'@SUM(A1)"

    workbook = load_workbook(io.BytesIO(export(member_client, "experts", "xlsx", {"q": "Dupont"}).content))
    cells = {cell.value: cell.data_type for cell in next(workbook.worksheets[0].iter_rows(min_row=2))}
    assert cells['\'=HYPERLINK("http://evil.example","click")'] == "s"
    assert not any(str(value).startswith("=") for value in cells)


@pytest.mark.parametrize("app", ["experts", "projects", "heritage"])
def test_export_urls_follow_the_access_rule(client, any_user, records, app):
    if any_user is not None:
        client.force_login(any_user)
    response = export(client, app, "csv")
    if any_user is None:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif any_user.is_staff or any_user.email == "member@example.org":
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        assert response["Cache-Control"].startswith("max-age=0")
    else:
        assert response.status_code == 403
        assert "Oyamada" not in response.content.decode()
    assert DataExport.objects.count() == (1 if response.status_code == 200 else 0)


@pytest.mark.parametrize("app", ["experts", "projects", "heritage"])
def test_an_export_answers_a_get_with_405_and_records_nothing(member_client, records, app):
    with override("en"):
        url = reverse(f"{app}:export", args=["csv"])
    response = member_client.get(url, {"q": "Bamiyan"})
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert not DataExport.objects.exists()


@pytest.mark.parametrize("app", ["experts", "projects", "heritage"])
def test_an_export_posted_without_the_csrf_token_is_refused_and_records_nothing(member, records, app):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    response = export(client, app, "csv", {"q": "Bamiyan"})
    assert response.status_code == 403
    assert not DataExport.objects.exists()


def test_the_list_pages_download_form_posts_the_search_with_a_csrf_token(member, records):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    with override("en"):
        page = client.get(reverse("experts:list"), {"q": "conservation", "country": "AF", "page": "1"})
    html = page.content.decode()
    form = re.search(r'<form id="search-export" method="post" action="([^"]+)" hidden>(.*?)</form>', html, re.S)
    assert form is not None
    action, body = form.groups()
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)">', body))
    assert set(fields) == {"csrfmiddlewaretoken", "q", "country"}
    assert (fields["q"], fields["country"]) == ("conservation", "AF")
    # The buttons sit in the results, inside the search form, and submit the download form.
    assert '<button type="submit" form="search-export">CSV</button>' in html
    assert '<button type="submit" form="search-export" formaction="/en/experts/export.xlsx">XLSX</button>' in html

    response = client.post(action, fields)
    assert response.status_code == 200
    assert DataExport.objects.get().query_string == "q=conservation&country=AF"


def _grow(records, number):
    for index in range(number):
        expert = Expert.objects.create(family_name_en=f"Grower{index}", family_name="山田", given_name=f"{index}")
        expert.specialties.set(records.dupont.specialties.all())
        expert.countries.set(records.dupont.countries.all())
        expert.languages.set(records.dupont.languages.all())


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_query_count_stays_flat(member_client, records, django_assert_num_queries, fmt):
    _grow(records, 2)
    with CaptureQueriesContext(connection) as few:
        export(member_client, "experts", fmt, {"q": "山田"})
    _grow(records, 20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = export(member_client, "experts", fmt, {"q": "山田"})
    assert response.status_code == 200
