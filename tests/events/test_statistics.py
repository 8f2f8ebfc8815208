import re

import pytest

from consortium.models import Country
from consortium.visibility import Visibility
from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    country = Country.objects.filter(unesco_region__isnull=False).first()
    for year, visibility in [(2010, Visibility.MEMBERS), (2012, Visibility.MEMBERS), (2012, Visibility.STAFF)]:
        project = CooperationProject.objects.create(
            title_en=f"Secret project title {year} {visibility}",
            kind=CooperationProject.Kind.CONSERVATION,
            start_year=year,
            visibility=visibility,
        )
        project.countries.add(country)
    for family_name, visibility in [("Visibleman", Visibility.MEMBERS), ("Hiddenman", Visibility.STAFF)]:
        expert = Expert.objects.create(family_name_en=family_name, visibility=visibility)
        expert.countries.add(country)
    site = HeritageSite.objects.create(name_en="Some site", category=HeritageSite.Category.CULTURAL)
    site.countries.add(country)
    return country


def table_row(html, label):
    # A country's label links to its country page.
    link, end = r"(?:<a href=\"[^\"]*\">)?", "(?:</a>)?"
    match = re.search(rf"<th scope=\"row\">{link}{re.escape(label)}{end}</th><td>(\d+)</td>", html)
    return int(match.group(1)) if match else None


def test_statistics_count_members_records_and_never_staff_only_ones(client, records):
    html = client.get("/en/statistics/").content.decode()
    assert table_row(html, "2010") == 1
    assert table_row(html, "2011") == 0
    assert table_row(html, "2012") == 1
    assert table_row(html, str(records.unesco_region)) == 2
    assert table_row(html, str(records)) == 1  # experts by country: the staff-only expert is not counted


def test_statistics_name_no_record(client, records):
    html = client.get("/en/statistics/").content.decode()
    assert "Secret project title" not in html
    assert "Visibleman" not in html and "Hiddenman" not in html


def test_statistics_draw_svg_charts_with_the_figures_as_tables(client, records):
    html = client.get("/en/statistics/").content.decode()
    assert html.count("<svg") == 5  # four charts and the map
    assert html.count("<table>") == 4
    assert 'role="img"' in html


def test_home_shows_the_same_headline_figures(client, records):
    html = client.get("/en/").content.decode()
    assert 'href="/en/statistics/"' in html
    assert (
        '<span class="figure__number">2</span> <span class="figure__label">cooperation projects on record</span>'
        in html
    )


def test_map_shows_where_cooperation_took_place_as_counts(client, records):
    project = CooperationProject.objects.get(start_year=2010)
    site = HeritageSite.objects.create(
        name_en="Angkor", category=HeritageSite.Category.CULTURAL, latitude=13.43, longitude=103.86
    )
    project.sites.add(site)
    hidden = CooperationProject.objects.get(visibility=Visibility.STAFF)
    hidden_site = HeritageSite.objects.create(
        name_en="Hidden place", category=HeritageSite.Category.CULTURAL, latitude=-33.9, longitude=18.4
    )
    hidden.sites.add(hidden_site)
    html = client.get("/en/statistics/").content.decode()
    # Angkor's cell (10–15°N, 100–105°E) drawn at its centre, x = 102.5 + 180, y = 90 - 12.5.
    assert '<circle class="world-map__cell" cx="282.5" cy="77.5"' in html
    assert "<title>1 project</title>" in html
    assert html.count('class="world-map__cell"') == 1
    assert "Angkor" not in html and "Hidden place" not in html
