"""Fiscal years (年度, April to March): the boundaries, the labels in both languages, the fy_from / fy_to
filters of the project list (a project counts in every fiscal year its period overlaps), odd input, and
the periods on the pages and in the export."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from consortium.fiscal import fiscal_year, fiscal_year_dates, fiscal_year_label, fiscal_year_range_label
from projects.models import CooperationProject


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2025, 3, 31), 2024),
        (date(2025, 4, 1), 2025),
        (date(2025, 1, 1), 2024),
        (date(2024, 12, 31), 2024),
        (date(2024, 4, 1), 2024),
    ],
)
def test_a_fiscal_year_turns_between_31_march_and_1_april(day, year):
    assert fiscal_year(day) == year


def test_a_fiscal_year_is_1_april_to_the_next_1_april():
    assert fiscal_year_dates(2024) == (date(2024, 4, 1), date(2025, 4, 1))


@pytest.mark.parametrize(
    ("first", "last", "japanese", "english"),
    [
        (2022, 2024, "2022〜2024年度", "FY2022–FY2024"),
        (2024, 2024, "2024年度", "FY2024"),
        (2022, None, "2022年度〜", "FY2022 onwards"),
        (None, None, "", ""),
    ],
)
def test_a_run_of_fiscal_years_is_written_as_each_language_writes_it(first, last, japanese, english):
    with override("ja"):
        assert fiscal_year_range_label(first, last) == japanese
    with override("en"):
        assert fiscal_year_range_label(first, last) == english


def test_one_fiscal_year_is_written_as_each_language_writes_it():
    with override("ja"):
        assert fiscal_year_label(2024) == "2024年度"
    with override("en"):
        assert fiscal_year_label(2024) == "FY2024"


# The project list's filters --------------------------------------------------------------------------


def make_project(title, start_year, end_year=None, visibility="members"):
    return CooperationProject.objects.create(
        title_en=title, kind="research", start_year=start_year, end_year=end_year, visibility=visibility
    )


@pytest.fixture
def projects(db):
    return [
        make_project("FY2019", 2019, 2019),
        make_project("FY2020 to FY2022", 2020, 2022),
        make_project("FY2023", 2023, 2023),
        make_project("From FY2024, open", 2024),
        make_project("Staff only, FY2020 to FY2030", 2020, 2030, visibility="staff"),
    ]


def list_page(client, params, language="en"):
    with override(language):
        response = client.get(reverse("projects:list"), params)
    assert response.status_code == 200
    return response


def titles(response):
    return {project.title_en for project in response.context["results"]}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"fy_from": 2023}, {"FY2023", "From FY2024, open"}),
        ({"fy_to": 2022}, {"FY2019", "FY2020 to FY2022"}),
        ({"fy_from": 2022, "fy_to": 2023}, {"FY2020 to FY2022", "FY2023"}),
        ({"fy_from": 2021, "fy_to": 2021}, {"FY2020 to FY2022"}),
        # A project with no end counts in every fiscal year from its start on.
        ({"fy_from": 2030}, {"From FY2024, open"}),
        ({"fy_to": 2023}, {"FY2019", "FY2020 to FY2022", "FY2023"}),
        ({"fy_to": 2018}, set()),
    ],
)
def test_a_project_counts_in_every_fiscal_year_its_period_overlaps(member_client, projects, params, expected):
    assert titles(list_page(member_client, params)) == expected


def test_staff_only_projects_are_never_found_for_members(member_client, staff_client, projects):
    params = {"fy_from": 2025, "fy_to": 2026}
    assert titles(list_page(member_client, params)) == {"From FY2024, open"}
    assert list_page(member_client, params).context["result_count"] == 1
    assert titles(list_page(staff_client, params)) == {"From FY2024, open", "Staff only, FY2020 to FY2030"}


def test_addresses_with_the_former_year_names_mean_the_same(member_client, projects):
    former = list_page(member_client, {"year_from": 2022, "year_to": 2023})
    assert titles(former) == {"FY2020 to FY2022", "FY2023"}
    # Where both are given, the fiscal years win.
    assert titles(list_page(member_client, {"year_from": 2000, "fy_from": 2024})) == {"From FY2024, open"}


@pytest.mark.parametrize(
    "params",
    [
        {"fy_from": "abc"},
        {"fy_to": "99999"},
        {"fy_from": "1e99"},
        {"fy_from": "1899"},
        {"fy_to": "2024\x00"},
        {"fy_from": ["2020", "<script>"]},
        {"fy_from": "-2020"},
    ],
)
def test_odd_fiscal_years_are_ignored_with_the_forms_message(member_client, projects, params):
    response = list_page(member_client, params)
    assert titles(response) == {"FY2019", "FY2020 to FY2022", "FY2023", "From FY2024, open"}
    ignored = " ".join(response.context["ignored"])
    assert "fiscal year" in ignored
    assert "This was ignored." in ignored
    assert "<script>" not in response.content.decode()


def test_a_last_fiscal_year_before_the_first_is_said_on_the_page_and_ignored(member_client, projects):
    response = list_page(member_client, {"fy_from": 2023, "fy_to": 2020})
    assert titles(response) == {"FY2023", "From FY2024, open"}
    assert "Until fiscal year: It is before the first fiscal year. This was ignored." in response.content.decode()
    response = list_page(member_client, {"fy_from": 2023, "fy_to": 2020}, language="ja")
    assert "開始年度より前の年度です。" in response.content.decode()


def test_query_count_stays_flat_as_results_grow(member_client, projects, django_assert_num_queries):
    params = {"fy_from": 2021, "fy_to": 2024}
    with CaptureQueriesContext(connection) as few:
        list_page(member_client, params)
    for number in range(20):
        make_project(f"More {number}", 2021 + number % 4, None if number % 3 else 2024)
    with django_assert_num_queries(len(few.captured_queries)):
        response = list_page(member_client, params)
    assert response.context["result_count"] == 23


# The pages and the export ------------------------------------------------------------------------------


def test_the_list_rows_and_the_project_page_write_the_period_in_fiscal_years(member_client, projects):
    content = list_page(member_client, {}, language="ja").content.decode()
    assert "2020〜2022年度" in content
    assert "2024年度〜" in content
    assert "FY2020–FY2022" in list_page(member_client, {}).content.decode()
    project = projects[1]
    with override("ja"):
        assert "2020〜2022年度" in member_client.get(project.get_absolute_url()).content.decode()
    with override("en"):
        page = member_client.get(project.get_absolute_url()).content.decode()
    assert "Fiscal years" in page
    assert "FY2020–FY2022" in page


def test_the_export_writes_the_period_in_fiscal_years(member_client, projects):
    with override("ja"):
        response = member_client.post(reverse("projects:export", args=["csv"]), {"fy_from": 2020, "fy_to": 2020})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    column = rows[0].index("実施年度")
    assert [row[column] for row in rows[1:]] == ["2020〜2022年度"]
