"""The staff admin of heritage sites and threats: what only it does.

Its changelist finds a site by its World Heritage id, the threat pages, and the periods in danger entered
with a site. What it shares with the admin of experts and projects is in
tests/consortium/test_admin_searchable.py.
"""

import pytest
from django.urls import reverse

from heritage.models import Threat
from tests.admin_checks import assert_flat_queries, change_form_data, count_queries
from tests.heritage.records import make_places, make_sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    return make_places()


def test_site_changelist_finds_a_site_by_world_heritage_id_or_name(staff_client, places):
    make_sites(3, places)
    url = reverse("admin:heritage_heritagesite_changelist")
    assert staff_client.get(url, {"q": "9001"}).context["cl"].result_count == 1
    assert staff_client.get(url, {"q": "Stećci"}).context["cl"].result_count == 3
    assert staff_client.get(url, {"q": "Stećci", "in_danger__exact": "1"}).context["cl"].result_count == 0


@pytest.mark.parametrize("term", ["²", "9001²", "٩٠٠١", "9" * 30, "9" * 5000])
def test_site_search_for_digits_that_are_no_id_answers_as_a_text_search(staff_client, places, term):
    make_sites(3, places)
    response = staff_client.get(reverse("admin:heritage_heritagesite_changelist"), {"q": term})
    assert response.status_code == 200
    assert response.context["cl"].result_count <= 1  # "²" is read as "2", as in "Stećci 2"


def test_site_add_form_and_threat_pages_open(staff_client, places):
    assert count_queries(staff_client, reverse("admin:heritage_heritagesite_add")) <= 10
    threat = places["threat"]

    def add_threats():
        Threat.objects.bulk_create(Threat(code=f"t{n}", name_ja=f"脅威{n}", name_en=f"Threat {n}") for n in range(20))

    assert_flat_queries(staff_client, reverse("admin:heritage_threat_changelist"), add_threats, most=8)
    assert count_queries(staff_client, reverse("admin:heritage_threat_change", args=[threat.pk])) <= 8
    assert count_queries(staff_client, reverse("admin:heritage_threat_add")) <= 8


def test_a_period_in_danger_is_entered_with_the_site_from_its_change_form(staff_client, places):
    [site] = make_sites(1, places)
    url = reverse("admin:heritage_heritagesite_change", args=[site.pk])
    data = change_form_data(staff_client.get(url)) | {
        "in_danger": "on",
        "danger_periods-TOTAL_FORMS": "1",
        "danger_periods-0-start_year": "2024",
        "danger_periods-0-end_year": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert site.danger_periods.get().start_year == 2024
