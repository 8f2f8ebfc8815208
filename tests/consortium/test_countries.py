"""The partner countries' pages: who sees what, counts that agree with the database, fiscal years, profiles."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consortium import countries
from consortium.fiscal import fiscal_year, fiscal_year_label
from consortium.models import Country
from consortium.statistics import experts_by_country, sites_by_country
from consortium.visibility import Visibility
from events.models import Event, PublicationStatus
from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject
from reports.models import Access
from tests.admin_checks import sign_in_to_admin
from tests.consortium.test_country_profiles import make_profile
from tests.events.conftest import make_article, make_event
from tests.reports.conftest import make_report

USERS = ["anonymous", "applicant", "member", "suspended_member", "staff"]
DATABASE_USERS = {"member", "staff"}


@dataclass
class Records:
    country: Country
    site: HeritageSite
    project: CooperationProject
    old_project: CooperationProject
    hidden_project: CooperationProject
    expert: Expert
    hidden_expert: Expert


def make_project(title, country, *, start_year=2024, status=CooperationProject.Status.ONGOING, visibility=None):
    project = CooperationProject.objects.create(
        title_en=title,
        kind=CooperationProject.Kind.CONSERVATION,
        status=status,
        start_year=start_year,
        visibility=visibility or Visibility.MEMBERS,
    )
    project.countries.add(country)
    return project


def make_site(name, country, **fields):
    site = HeritageSite.objects.create(name_en=name, category=HeritageSite.Category.CULTURAL, **fields)
    site.countries.add(country)
    return site


def make_expert(name, country, visibility=Visibility.MEMBERS):
    expert = Expert.objects.create(family_name_en=name, visibility=visibility)
    expert.countries.add(country)
    return expert


@pytest.fixture
def records(db):
    cambodia = Country.objects.get(code="KH")
    return Records(
        country=cambodia,
        site=make_site("Angkor Testsite", cambodia, latitude=13.4, longitude=103.8),
        project=make_project("Bayon Restoration Testproject", cambodia),
        old_project=make_project(
            "Earlier Survey Testproject", cambodia, start_year=2019, status=CooperationProject.Status.COMPLETED
        ),
        hidden_project=make_project("Secret Staff Testproject", cambodia, visibility=Visibility.STAFF),
        expert=make_expert("Visibleexpert", cambodia),
        hidden_expert=make_expert("Hiddenexpert", cambodia, Visibility.STAFF),
    )


def client_for(request, client, who):
    if who == "staff":
        return sign_in_to_admin(client, request.getfixturevalue("staff"))
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


def detail_url(code="kh"):
    return reverse("countries:detail", args=[code])


# Access ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", USERS)
def test_country_pages_answer_everyone(request, client, records, who):
    client = client_for(request, client, who)
    assert client.get(reverse("countries:list")).status_code == 200
    assert client.get(detail_url()).status_code == 200


@pytest.mark.parametrize("who", USERS)
def test_record_names_only_for_those_who_may_use_the_database(request, client, records, who):
    content = client_for(request, client, who).get(detail_url()).content.decode()
    shown = {
        name: name in content
        for name in ["Angkor Testsite", "Bayon Restoration Testproject", "Visibleexpert", 'id="map-data"']
    }
    assert shown == dict.fromkeys(shown, who in DATABASE_USERS)


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "suspended_member"])
def test_a_staff_only_project_or_expert_never_appears_but_for_staff(request, client, records, who):
    client = client_for(request, client, who)
    content = client.get(detail_url()).content.decode()
    assert "Secret Staff Testproject" not in content
    assert "Hiddenexpert" not in content
    response = client.get(detail_url())
    assert response.context["project_count"] == 2
    assert response.context["expert_count"] == 1


def test_staff_see_staff_only_records_on_the_country_page(request, client, records):
    response = client_for(request, client, "staff").get(detail_url())
    content = response.content.decode()
    assert "Secret Staff Testproject" in content and "Hiddenexpert" in content
    assert (response.context["project_count"], response.context["expert_count"]) == (3, 2)


def test_a_country_known_only_by_a_staff_only_project_is_listed_for_staff_alone(request, client, db):
    malta = Country.objects.get(code="MT")
    make_project("Only Staff Know", malta, visibility=Visibility.STAFF)
    url = reverse("countries:list")
    assert malta.name_ja not in client.get(url).content.decode()
    assert malta.name_ja in client_for(request, client, "staff").get(url).content.decode()


# Counts agree with the database pages --------------------------------------------------------------


@pytest.mark.parametrize("who", sorted(DATABASE_USERS))
def test_counts_agree_with_the_database_pages(request, client, records, who):
    client = client_for(request, client, who)
    page = client.get(detail_url()).context
    for list_name, count in [
        ("heritage:list", page["site_count"]),
        ("projects:list", page["project_count"]),
        ("experts:list", page["expert_count"]),
    ]:
        assert client.get(reverse(list_name), {"country": "KH"}).context["result_count"] == count, list_name


@pytest.mark.parametrize("who", ["anonymous", "applicant", "suspended_member"])
def test_public_counts_agree_with_the_public_figures(request, client, records, who):
    page = client_for(request, client, who).get(detail_url()).context
    name = str(records.country)
    assert page["site_count"] == {bar.label: bar.value for bar in sites_by_country()}[name]
    assert page["expert_count"] == {bar.label: bar.value for bar in experts_by_country()}[name]
    assert page["project_count"] == CooperationProject.objects.visible_to_members().filter(countries="KH").count()


@pytest.mark.parametrize("who", USERS)
def test_the_list_counts_agree_with_the_country_page(request, client, records, who):
    client = client_for(request, client, who)
    listed = {
        country.code: (country.site_count, country.project_count)
        for _region, countries in client.get(reverse("countries:list")).context["regions"]
        for country in countries
    }
    page = client.get(detail_url()).context
    assert listed["KH"] == (page["site_count"], page["project_count"])


# Query counts --------------------------------------------------------------------------------------


def _more_rows(country, number):
    for index in range(number):
        make_site(f"More site {index}", country, latitude=10 + index, longitude=100)
        make_project(f"More project {index}", country, start_year=2000 + index)
        make_expert(f"Moreexpert{index}", country)
        make_report(access=Access.PUBLIC, countries=[country])
        make_article(title_en=f"More news {index}").countries.add(country)
        make_event(title_en=f"More upcoming event {index}").countries.add(country)
        ended = timezone.now() - timedelta(days=10 + index)
        make_event(title_en=f"More past event {index}", starts_at=ended, ends_at=ended).countries.add(country)


@pytest.mark.parametrize("who", USERS)
def test_query_counts_stay_flat_as_rows_grow(request, client, records, who):
    client = client_for(request, client, who)
    urls = [reverse("countries:list"), detail_url()]
    before = []
    for url in urls:
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        before.append(len(context))
    _more_rows(records.country, 5)
    _more_rows(Country.objects.get(code="NP"), 3)
    for url, expected in zip(urls, before, strict=True):
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        assert len(context) == expected, url


def test_the_anonymous_country_page_takes_a_fixed_number_of_queries(client, records, django_assert_num_queries):
    _more_rows(records.country, 4)
    # The country, its profile, its reports, its news, its events (upcoming and past in one query), sites counted,
    # projects counted by status and year, experts counted.
    with django_assert_num_queries(8):
        client.get(detail_url())


@pytest.mark.parametrize("who", USERS)
def test_the_country_page_lists_the_reports_about_it_that_the_visitor_may_read(request, client, records, who):
    public = make_report(title_en="Public Testreport", access=Access.PUBLIC, countries=[records.country])
    members = make_report(title_en="Members Testreport", access=Access.MEMBERS, countries=[records.country])
    elsewhere = make_report(title_en="Elsewhere Testreport", access=Access.PUBLIC)
    client = client_for(request, client, who)

    page = client.get(detail_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert public.get_absolute_url() in page
    assert (members.get_absolute_url() in page) == (who in ("member", "staff"))
    assert elsewhere.get_absolute_url() not in page


@pytest.mark.parametrize("who", USERS)
def test_the_country_page_lists_published_news_and_announced_events_about_it(request, client, records, who):
    article = make_article(title_en="Angkor Testnews")
    article.countries.add(records.country)
    draft = make_article(title_en="Draft Testnews", status=PublicationStatus.DRAFT)
    draft.countries.add(records.country)
    scheduled = make_article(title_en="Scheduled Testnews", publish_at=timezone.now() + timedelta(days=1))
    scheduled.countries.add(records.country)
    elsewhere_article = make_article(title_en="Nepal Testnews")
    elsewhere_article.countries.add(Country.objects.get(code="NP"))
    event = make_event(title_en="Cambodia Testseminar")
    event.countries.add(records.country)
    ended = timezone.now() - timedelta(days=20)
    past_event = make_event(title_en="Past Testseminar", starts_at=ended - timedelta(hours=2), ends_at=ended)
    past_event.countries.add(records.country)
    draft_event = make_event(title_en="Draft Testseminar", status=Event.Status.DRAFT)
    draft_event.countries.add(records.country)
    elsewhere_event = make_event(title_en="Nepal Testseminar")
    elsewhere_event.countries.add(Country.objects.get(code="NP"))
    client = client_for(request, client, who)

    page = client.get(detail_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    for listed in (article, event, past_event):
        assert listed.get_absolute_url() in page
    for hidden in (draft, scheduled, elsewhere_article, draft_event, elsewhere_event):
        assert hidden.get_absolute_url() not in page


@pytest.mark.parametrize("who", USERS)
def test_a_members_only_event_is_listed_as_on_the_events_list_marked_members_only(request, client, records, who):
    # The events pages announce members-only events to everyone, marked, and let only members register.
    event = make_event(title_en="Members Testseminar", audience=Event.Audience.MEMBERS)
    event.countries.add(records.country)
    client = client_for(request, client, who)

    events_list = client.get(reverse("events:list"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    page = client.get(detail_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert (event.get_absolute_url() in page) == (event.get_absolute_url() in events_list)
    assert event.get_absolute_url() in page
    assert 'class="tag tag--members"' in page


def test_the_country_page_lists_the_latest_five_news_newest_first(client, records):
    articles = [
        make_article(title_en=f"Testnews {day}", publish_at=timezone.now() - timedelta(days=day))
        for day in range(1, 8)
    ]
    for article in articles:
        article.countries.add(records.country)

    shown = list(client.get(detail_url()).context["news"])

    assert shown == articles[:5]


# Fiscal years ----------------------------------------------------------------------------------------


def test_fiscal_year_runs_from_april_to_march():
    assert fiscal_year(date(2024, 4, 1)) == 2024
    assert fiscal_year(date(2025, 3, 31)) == 2024
    assert fiscal_year(date(2024, 3, 31)) == 2023


def test_fiscal_year_label_in_both_languages():
    with translation.override("ja"):
        assert fiscal_year_label(2024) == "2024年度"
    with translation.override("en"):
        assert fiscal_year_label(2024) == "FY2024"


def test_the_country_page_groups_projects_by_status_and_fiscal_year(client, member, records):
    client.force_login(member)
    groups = dict(client.get("/en/countries/kh/").context["project_groups"])
    assert {year: [p.title for p in projects] for year, projects in groups["ongoing"]} == {
        "FY2024": ["Bayon Restoration Testproject"]
    }
    assert [year for year, _projects in groups["completed"]] == ["FY2019"]
    assert "2019年度" in client.get("/ja/countries/kh/").content.decode()


def test_visitors_see_project_counts_by_fiscal_year(client, records):
    assert dict(dict(client.get("/en/countries/kh/").context["project_groups"])["completed"]) == {"FY2019": 1}


# Addresses -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["zz/", "../", "%00/", "k/", "khm/", "k%00/", "%2E%2E/", "kh%2F/"])
def test_unknown_or_odd_codes_answer_404(client, db, path):
    assert client.get(f"/en/countries/{path}").status_code == 404


def test_the_code_is_case_insensitive(client, records):
    response = client.get("/en/countries/KH/")
    assert response.status_code == 301
    assert response["Location"] == "/en/countries/kh/"


# Profiles ----------------------------------------------------------------------------------------------


def test_the_profile_is_shown_sanitised_with_the_fallback_note(client, records):
    make_profile(
        records.country,
        protection_en="The **law** of 1996.<script>alert(1)</script>",
        needs_ja="保存修復の人材育成",
    )
    content = client.get("/en/countries/kh/").content.decode()
    assert "<strong>law</strong>" in content
    assert "<script>alert(1)" not in content
    assert "保存修復の人材育成" in content
    assert "This entry is only available in Japanese." in content


# Links from elsewhere -----------------------------------------------------------------------------------


def test_the_statistics_page_links_to_country_pages(client, records):
    cache.clear()
    content = client.get("/en/statistics/").content.decode()
    assert 'href="/en/countries/"' in content
    assert 'href="/en/countries/kh/"' in content


def test_the_country_facet_links_each_country_outside_its_label(client, member, records):
    client.force_login(member)
    response = client.get("/en/heritage/")
    facet = next(facet for facet in response.context["facets"] if facet.name == "country")
    assert [option.value for option in facet.options] == ["KH"]
    content = response.content.decode()
    assert 'Cambodia (1)</label> <a class="search-facet__page" href="/en/countries/kh/"' in content


def test_a_country_with_many_records_lists_the_first_and_links_to_the_database(client, member, records, monkeypatch):
    monkeypatch.setattr(countries, "PROJECTS_SHOWN", 2)
    monkeypatch.setattr(countries, "EXPERTS_SHOWN", 1)
    client.force_login(member)
    with translation.override("en"):
        english_url = detail_url()
        experts_url = reverse("experts:list")

    page = client.get(english_url).content.decode()

    # Two visible projects and one visible expert beyond what the page lists (the staff-only ones are not counted).
    assert "The latest 2 of 2 projects" not in page
    assert page.count("Testproject") == 2
    assert "See all 1 expert" not in page
    make_project("Third Testproject", records.country)
    make_expert("Secondexpert", records.country)
    page = client.get(english_url).content.decode()
    assert "The latest 2 of 3 projects are listed here." in page
    assert "See all 2 experts in the database" in page
    assert f"{experts_url}?country=KH" in page
