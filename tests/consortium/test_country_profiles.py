"""Partner countries' profiles: when they are due for review, the demo's, and the admin's list."""

import random
from datetime import date, timedelta

from django.urls import reverse

from consortium.demo.country_profiles import seed
from consortium.models import Country, CountryProfile
from tests.admin_checks import sign_in_to_admin


def make_profile(country, reviewed_on=None, **fields):
    return CountryProfile.objects.create(country=country, reviewed_on=reviewed_on or date.today(), **fields)


def test_review_overdue_lists_profiles_older_than_two_years(db):
    today = date(2026, 12, 4)
    old = make_profile(Country.objects.get(code="KH"), reviewed_on=date(2024, 12, 3))
    make_profile(Country.objects.get(code="NP"), reviewed_on=date(2024, 12, 4))
    assert list(CountryProfile.objects.review_overdue(today)) == [old]


def test_seed_demo_gives_a_few_countries_a_bilingual_profile(db):
    seed(random.Random(1), None)
    seed(random.Random(1), None)
    profiles = CountryProfile.objects.filter(country__in=["KH", "MM", "NP"])
    assert profiles.count() == 3
    assert all(profile.protection_ja and profile.protection_en for profile in profiles)
    assert CountryProfile.objects.review_overdue().exists()


def test_the_admin_filters_and_counts_overdue_profiles(client, staff):
    old = make_profile(Country.objects.get(code="MM"), reviewed_on=date.today() - timedelta(days=800))
    make_profile(Country.objects.get(code="NP"))
    staff_client = sign_in_to_admin(client, staff)
    url = reverse("admin:consortium_countryprofile_changelist")
    response = staff_client.get(url, {"overdue": "yes"})
    assert list(response.context["cl"].result_list) == [old]
    assert "1 profile has not been reviewed for over two years." in response.content.decode()
    assert staff_client.get(url).context["cl"].result_count == 2
