import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortium.models import Country
from heritage.models import HeritageSite
from projects.models import CooperationProject
from reports.models import Access
from reports.samplepdf import make_pdf
from tests.events.conftest import make_event
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db


def add_reports(count, **links):
    laos, mongolia = Country.objects.get(code="LA"), Country.objects.get(code="MN")
    for number in range(count):
        report = make_report(
            access=[Access.PUBLIC, Access.MEMBERS][number % 2],
            countries=[laos, mongolia],
            pdf=make_pdf([[f"Survey {number}", "保存修復"]]),
        )
        for name, record in links.items():
            getattr(report, name).add(record)


def queries(client, url, params=None):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url, params or {}).status_code == 200
    return len(context)


@pytest.mark.parametrize("params", [{}, {"q": "survey"}, {"q": "保存", "country": "LA", "kind": "country_survey"}])
def test_the_list_page_runs_a_fixed_number_of_queries(client, member, django_assert_num_queries, params):
    client.force_login(member)
    add_reports(2)
    few = queries(client, reverse("reports:list"), params)
    add_reports(10)
    with django_assert_num_queries(few):
        client.get(reverse("reports:list"), params)


def test_the_list_page_runs_a_fixed_number_of_queries_for_a_visitor(client, django_assert_num_queries):
    add_reports(2)
    few = queries(client, reverse("reports:list"))
    add_reports(10)
    with django_assert_num_queries(few):
        client.get(reverse("reports:list"))


@pytest.fixture
def linked():
    site = HeritageSite.objects.create(name_en="Vat Phou", name_ja="ワット・プー", whc_id=481, category="cultural")
    project = CooperationProject.objects.create(title_en="Vat Phou conservation", kind="conservation", start_year=2010)
    event = make_event(title_en="Laos seminar")
    return {"sites": site, "projects": project, "events": event}


def test_project_site_and_event_pages_list_the_reports_visible_to_the_user_with_flat_queries(
    client, member, linked, django_assert_num_queries
):
    client.force_login(member)
    public = make_report(access=Access.PUBLIC, title_en="Public Vat Phou report")
    members = make_report(access=Access.MEMBERS, title_en="Members' Vat Phou report")
    staff = make_report(access=Access.STAFF, title_en="Staff Vat Phou report")
    for report in (public, members, staff):
        for name, record in linked.items():
            getattr(report, name).add(record)
    urls = [
        linked["sites"].get_absolute_url(),
        linked["projects"].get_absolute_url(),
        linked["events"].get_absolute_url(),
    ]
    counts = []
    for url in urls:
        page = client.get(url).content.decode()
        assert public.get_absolute_url() in page
        assert members.get_absolute_url() in page
        assert staff.get_absolute_url() not in page
        counts.append(queries(client, url))
    add_reports(5, **linked)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            client.get(url)


def test_a_visitor_sees_only_public_reports_on_an_event_page(client, linked):
    public = make_report(access=Access.PUBLIC)
    members = make_report(access=Access.MEMBERS)
    for report in (public, members):
        report.events.add(linked["events"])
    page = client.get(linked["events"].get_absolute_url()).content.decode()
    assert public.get_absolute_url() in page
    assert members.get_absolute_url() not in page


def test_the_report_page_links_to_what_it_concerns(client, member, linked):
    report = make_report(access=Access.MEMBERS, countries=[Country.objects.get(code="LA")])
    for name, record in linked.items():
        getattr(report, name).add(record)
    client.force_login(member)
    page = client.get(report.get_absolute_url()).content.decode()
    for record in linked.values():
        assert record.get_absolute_url() in page
    assert reverse("countries:detail", args=["la"]) in page
