"""The activity report of a fiscal year: its figures, what it never shows, its CSV, languages and foreword.

The dataset straddles FY2024 (1 April 2024 – 31 March 2025) and FY2025 (1 April 2025 – 31 March 2026), with
records on the evening of 31 March and the morning of 1 April, Japan time.
"""

import csv
import importlib
import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from consortium.visibility import Visibility
from events.activities import activity_report, activity_years
from events.models import ActivityForeword, Event, Page
from members.models import Committee, Meeting, Membership, NewsIssue, User
from projects.models import CooperationProject
from reports.models import Access, Report
from tests.events.conftest import make_event, make_page

pytestmark = pytest.mark.django_db

TOKYO = ZoneInfo("Asia/Tokyo")


def tokyo(*args):
    return datetime(*args, tzinfo=TOKYO)


def make_meeting(held_on, committee=None, **fields):
    kind = Meeting.Kind.COMMITTEE if committee else Meeting.Kind.GENERAL
    fields.setdefault("audience", Meeting.Audience.COMMITTEE if committee else Meeting.Audience.MEMBERS)
    return Meeting.objects.create(kind=kind, committee=committee, held_on=held_on, **fields)


def held_event(kind, starts_at, attendance=None, **fields):
    return make_event(kind=kind, starts_at=starts_at, ends_at=starts_at, attendance=attendance, **fields)


def sent_issue(finished_at, subject="Members’ news"):
    return NewsIssue.objects.create(
        subject_ja=subject,
        subject_en=subject,
        body_ja="本文",
        body_en="Text",
        status=NewsIssue.Status.SENT,
        queued_at=finished_at,
        finished_at=finished_at,
    )


def membership_history(email, kind, *steps):
    """A membership that went through ``steps``, each (moment, status, or "deleted"), as the history records it."""
    user = User.objects.create_user(email=email, password="x")
    membership = Membership(user=user, kind=kind)
    for moment, status in steps:
        membership._history_date = moment
        if status == "deleted":
            membership.delete()
        else:
            membership.status = status
            membership.save()
    return membership


def project_added(added_at, visibility=Visibility.MEMBERS, title="Bagan stupa conservation"):
    project = CooperationProject.objects.create(
        title_en=title, kind="conservation", status="ongoing", start_year=2020, visibility=visibility
    )
    CooperationProject.objects.filter(pk=project.pk).update(created_at=added_at)
    return project


def report(fiscal_year, kind, access, title):
    return Report.objects.create(title_en=title, title_ja=title, kind=kind, fiscal_year=fiscal_year, access=access)


ACTIVE, SUSPENDED, WITHDRAWN = Membership.Status.ACTIVE, Membership.Status.SUSPENDED, Membership.Status.WITHDRAWN
APPLIED, REJECTED = Membership.Status.APPLIED, Membership.Status.REJECTED
INDIVIDUAL, ORGANISATIONAL = Membership.Kind.INDIVIDUAL, Membership.Kind.ORGANISATIONAL


@pytest.fixture
def dataset():
    asia = Committee.objects.create(code="t-asia", name_ja="アジア分科会", name_en="Asia sub-committee", order=1)
    planning = Committee.objects.create(
        code="t-planning", name_ja="企画分科会", name_en="Planning committee", order=0, kind="planning"
    )
    make_meeting(date(2025, 3, 31))
    make_meeting(date(2025, 4, 1), agenda_en="Secret agenda item", minutes_en="Secret minutes")
    make_meeting(date(2025, 6, 10), asia)
    make_meeting(date(2026, 3, 31), asia)
    make_meeting(date(2025, 4, 1), planning, audience=Meeting.Audience.STAFF, title_en="Budget closed session")
    make_meeting(date(2026, 4, 1), planning)

    held_event(Event.Kind.SYMPOSIUM, tokyo(2025, 3, 31, 23, 0), attendance=100, title_en="Symposium at year end")
    held_event(Event.Kind.SEMINAR, tokyo(2025, 4, 1, 0, 0), attendance=40, title_en="Seminar at year start")
    held_event(Event.Kind.WORKSHOP, tokyo(2025, 10, 1, 10, 0), title_en="Workshop without attendance")
    held_event(
        Event.Kind.SEMINAR,
        tokyo(2026, 3, 31, 20, 0),
        attendance=12,
        audience=Event.Audience.MEMBERS,
        title_en="Members seminar",
    )
    held_event(Event.Kind.SYMPOSIUM, tokyo(2025, 7, 1, 10), attendance=500, status="draft", title_en="Draft event")
    held_event(Event.Kind.SYMPOSIUM, tokyo(2025, 8, 1, 10), status="cancelled", title_en="Cancelled event")

    sent_issue(tokyo(2025, 3, 31, 23, 59), subject="Year-end members’ subject")
    sent_issue(tokyo(2025, 4, 1, 0, 0), subject="Secret members’ subject")
    NewsIssue.objects.create(subject_ja="下書き", subject_en="Draft issue", body_ja="本文", body_en="Text")

    membership_history("a@example.org", INDIVIDUAL, (tokyo(2025, 3, 1), APPLIED), (tokyo(2025, 3, 31, 10), ACTIVE))
    membership_history("b@example.org", ORGANISATIONAL, (tokyo(2025, 3, 30), APPLIED), (tokyo(2025, 4, 1, 9), ACTIVE))
    membership_history(
        "c@example.org",
        INDIVIDUAL,
        (tokyo(2024, 5, 1), ACTIVE),
        (tokyo(2025, 5, 1), SUSPENDED),
        (tokyo(2025, 6, 1), ACTIVE),
    )
    membership_history("d@example.org", INDIVIDUAL, (tokyo(2024, 6, 1), ACTIVE), (tokyo(2025, 9, 1), WITHDRAWN))
    membership_history(
        "e@example.org",
        ORGANISATIONAL,
        (tokyo(2024, 7, 1), ACTIVE),
        (tokyo(2026, 3, 31, 18), SUSPENDED),
        (tokyo(2026, 5, 1), ACTIVE),
    )
    membership_history("f@example.org", INDIVIDUAL, (tokyo(2025, 5, 1), APPLIED), (tokyo(2025, 6, 1), REJECTED))
    membership_history("g@example.org", INDIVIDUAL, (tokyo(2024, 8, 1), ACTIVE), (tokyo(2025, 8, 1), "deleted"))

    project_added(tokyo(2025, 3, 31, 23))
    project_added(tokyo(2025, 4, 1, 0))
    project_added(tokyo(2025, 12, 1))
    project_added(tokyo(2025, 12, 1), Visibility.STAFF, title="Staff-only project")

    report(2024, Report.Kind.ANNUAL, Access.PUBLIC, "Annual report 2024")
    report(2025, Report.Kind.COUNTRY_SURVEY, Access.PUBLIC, "Public survey of Bagan")
    report(2025, Report.Kind.RECOVERY_SURVEY, Access.MEMBERS, "Members-only survey title")
    report(2025, Report.Kind.COUNTRY_SURVEY, Access.STAFF, "Staff-only survey title")
    report(2025, Report.Kind.PROCEEDINGS, Access.PUBLIC, "Proceedings of the 2025 symposium")
    report(2025, Report.Kind.SEMINAR, Access.MEMBERS, "Members-only seminar report title")
    report(2025, Report.Kind.ANNUAL, Access.STAFF, "Staff-only annual report title")
    return {"asia": asia, "planning": planning}


def figures(year, now=None):
    """The report's figures by (section, label), as the English page names them."""
    with translation.override("en"):
        result = activity_report(year, now)
        return {(section.key, figure.label): figure.value for section in result.sections for figure in section.figures}


# Counted by hand from the dataset above.
EXPECTED = {
    2024: {
        ("meetings", "General meetings"): 1,
        ("events", "Symposia"): 1,
        ("events", "Research seminars"): 0,
        ("events", "Workshops"): 0,
        ("events", "Briefings"): 0,
        ("events", "Attendance (where recorded)"): 100,
        ("news", "Issues sent"): 1,
        ("memberships", "New individual members"): 4,  # a, c, d, g
        ("memberships", "New organisational members"): 1,  # e
        ("memberships", "Departed individual members"): 0,
        ("memberships", "Departed organisational members"): 0,
        ("projects", "Projects added"): 1,
        ("reports", "Public reports"): 1,
        ("reports", "Reports for members"): 0,
        ("surveys", "Public survey reports"): 0,
        ("surveys", "Survey reports for members"): 0,
    },
    2025: {
        ("meetings", "General meetings"): 1,
        ("meetings", "Planning committee"): 1,
        ("meetings", "Asia sub-committee"): 2,
        ("events", "Symposia"): 0,
        ("events", "Research seminars"): 2,
        ("events", "Workshops"): 1,
        ("events", "Briefings"): 0,
        ("events", "Attendance (where recorded)"): 52,
        ("news", "Issues sent"): 1,
        ("memberships", "New individual members"): 0,  # c's suspension was lifted: no newcomer
        ("memberships", "New organisational members"): 1,  # b
        ("memberships", "Departed individual members"): 2,  # d withdrew, g was deleted
        ("memberships", "Departed organisational members"): 1,  # e, suspended on 31 March
        ("projects", "Projects added"): 2,
        ("reports", "Public reports"): 1,
        ("reports", "Reports for members"): 1,
        ("surveys", "Public survey reports"): 1,
        ("surveys", "Survey reports for members"): 1,
    },
}


@pytest.mark.parametrize("year", [2024, 2025])
def test_figures_of_a_year_are_those_counted_by_hand(dataset, year):
    assert figures(year) == EXPECTED[year]


def test_figures_grow_with_a_meeting_an_attendance_and_an_issue_of_the_year(dataset):
    make_meeting(date(2025, 11, 5), dataset["asia"])
    Event.objects.filter(title_en="Workshop without attendance").update(attendance=30)
    sent_issue(tokyo(2026, 3, 31, 23, 59))
    after = figures(2025)
    assert after[("meetings", "Asia sub-committee")] == EXPECTED[2025][("meetings", "Asia sub-committee")] + 1
    assert after[("events", "Attendance (where recorded)")] == 52 + 30
    assert after[("news", "Issues sent")] == EXPECTED[2025][("news", "Issues sent")] + 1
    assert figures(2024) == EXPECTED[2024]


def test_the_year_in_progress_counts_what_has_taken_place(dataset):
    now = tokyo(2025, 10, 15, 12)
    assert activity_report(2025, now).in_progress
    so_far = figures(2025, now)
    assert so_far[("meetings", "Asia sub-committee")] == 1
    assert so_far[("events", "Research seminars")] == 1
    assert not activity_report(2024, now).in_progress


def test_page_lists_public_facts_and_never_what_members_or_staff_alone_see(client, dataset, staff):
    client.force_login(staff)
    html = client.get("/en/about/activities/2025/").content.decode()
    for shown in (
        "Asia sub-committee",
        "Planning committee",
        "Seminar at year start",
        "Members seminar",
        "Workshop without attendance",
        "Public survey of Bagan",
        "Proceedings of the 2025 symposium",
    ):
        assert shown in html
    for hidden in (
        "Secret agenda item",
        "Secret minutes",
        "Budget closed session",
        "Secret members",
        "Year-end members",
        "Draft event",
        "Cancelled event",
        "Members-only survey title",
        "Members-only seminar report title",
        "Staff-only",
        "Bagan stupa conservation",
        "Symposium at year end",
    ):
        assert hidden not in html


def test_csv_holds_the_figures_of_the_page(client, dataset):
    page = client.get("/en/about/activities/2025/").content.decode()
    response = client.get("/en/about/activities/2025.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "FY2025"
    figures_in_csv = rows[2:]
    assert len(figures_in_csv) == len(EXPECTED[2025])
    for section, label, value in figures_in_csv:
        assert escape(section) in page
        assert f'<td>{escape(label)}</td><td class="num">{value}</td>' in page


def test_the_japanese_report_names_the_year_2025年度_and_the_english_one_fy2025(client, dataset):
    japanese = client.get("/ja/about/activities/2025/").content.decode()
    english = client.get("/en/about/activities/2025/").content.decode()
    assert "2025年度" in japanese and "アジア分科会" in japanese and "研究会" in japanese
    assert "FY2025" in english and "Asia sub-committee" in english
    rows = list(csv.reader(io.StringIO(client.get("/ja/about/activities/2025.csv").content.decode("utf-8-sig"))))
    assert rows[0][0] == "2025年度"


def test_index_lists_the_years_with_activity_newest_first(client, dataset):
    # FY2026 has the planning committee's meeting of 1 April 2026.
    assert activity_years() == [2026, 2025, 2024]
    html = client.get("/ja/about/activities/").content.decode()
    assert html.index("/ja/about/activities/2025/") < html.index("/ja/about/activities/2024/")
    assert "2025年度" in html


@pytest.mark.parametrize("year", ["2019", "0999", "1949", "2101", "99999999999999999999999", "2099"])
def test_a_year_with_nothing_or_out_of_range_is_not_found(client, dataset, year):
    assert client.get(f"/en/about/activities/{year}/").status_code == 404
    assert client.get(f"/en/about/activities/{year}.csv").status_code == 404


def test_a_year_that_is_not_a_number_is_not_found(client):
    assert client.get("/en/about/activities/last-year/").status_code == 404


def test_every_visitor_sees_the_same_figures(client, dataset, any_user):
    if any_user is not None:
        client.force_login(any_user)
    response = client.get("/en/about/activities/2025/")
    assert response.status_code == 200
    assert response.context["report"].rows() == activity_report(2025).rows()


def test_foreword_in_the_page_language_and_else_in_the_other_with_a_note(client, dataset):
    ActivityForeword.objects.create(fiscal_year=2025, text_en="A year of **recovery** work.")
    english = client.get("/en/about/activities/2025/").content.decode()
    assert "<strong>recovery</strong>" in english and 'class="fallback-note"' not in english
    japanese = client.get("/ja/about/activities/2025/").content.decode()
    assert "<strong>recovery</strong>" in japanese and 'class="fallback-note"' in japanese
    ActivityForeword.objects.filter(fiscal_year=2025).update(text_ja="復興支援の一年でした。")
    japanese = client.get("/ja/about/activities/2025/").content.decode()
    assert "復興支援の一年でした。" in japanese and "recovery" not in japanese


def test_a_foreword_alone_makes_a_report(client):
    ActivityForeword.objects.create(fiscal_year=2019, text_ja="設立準備の年。")
    assert client.get("/ja/about/activities/2019/").status_code == 200
    assert 2019 in activity_years()


def test_detail_page_queries_stay_flat_as_records_grow(client, dataset):
    client.get("/en/about/activities/2025/")
    with CaptureQueriesContext(connection) as before:
        client.get("/en/about/activities/2025/")
    for day in (5, 6, 7):
        make_meeting(
            date(2025, 11, day), Committee.objects.create(code=f"t-{day}", name_ja=f"会{day}", name_en=f"C{day}")
        )
        held_event(Event.Kind.BRIEFING, tokyo(2025, 11, day, 10), attendance=day)
        sent_issue(tokyo(2025, 11, day, 10))
        report(2025, Report.Kind.SEMINAR, Access.PUBLIC, f"Seminar report {day}")
    with CaptureQueriesContext(connection) as after:
        client.get("/en/about/activities/2025/")
    assert len(after) == len(before)


def test_no_outreach_page_may_take_the_activities_address():
    page = Page(slug="activities", title_en="What we do")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "slug" in error.value.message_dict


def test_the_migration_moves_a_page_that_had_the_address(client):
    page = make_page(slug="activities", title_en="What we do")
    make_page(slug="what-we-do", title_en="Already there")
    migration = importlib.import_module("events.migrations.0009_reserve_the_activities_address")
    migration.move_the_page(apps, None)
    page.refresh_from_db()
    assert page.slug == f"what-we-do-{page.pk}"
    assert client.get(f"/en/about/{page.slug}/").status_code == 200


def test_about_index_and_sitemap_lead_to_the_reports(client, dataset):
    assert 'href="/en/about/activities/"' in client.get("/en/about/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/ja/about/activities/2025/" in sitemap and "/en/about/activities/2024/" in sitemap


def test_staff_write_the_foreword_in_the_admin_and_its_history_keeps_who(staff_client, staff):
    response = staff_client.post(
        "/admin/events/activityforeword/add/", {"fiscal_year": "2025", "text_ja": "復興支援の一年。", "text_en": ""}
    )
    assert response.status_code == 302
    foreword = ActivityForeword.objects.get(fiscal_year=2025)
    assert foreword.history.get().history_user == staff
    assert staff_client.get("/admin/events/activityforeword/").status_code == 200
    assert "復興支援の一年。" in staff_client.get(foreword.get_absolute_url()).content.decode()


def test_a_foreword_needs_a_text_in_one_language_at_least(staff_client):
    response = staff_client.post("/admin/events/activityforeword/add/", {"fiscal_year": "2025"})
    assert response.status_code == 200
    assert not ActivityForeword.objects.exists()
