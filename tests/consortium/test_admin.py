"""The staff admin of countries, regions and languages, and who may enter the admin at all."""

import pytest
from django.urls import reverse

from consortium.models import Country, Language, Region
from tests.admin_checks import assert_flat_queries, count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def asia():
    region, _ = Region.objects.get_or_create(
        scheme=Region.Scheme.UNESCO,
        code="asia-pacific",
        defaults={"name_ja": "アジア太平洋", "name_en": "Asia and the Pacific"},
    )
    return region


def add_countries(region, count=20):
    """Digits for codes, which ISO 3166 never uses, so they never meet the countries a data migration loads."""
    start = Country.objects.filter(alpha3__startswith="9").count()
    Country.objects.bulk_create(
        Country(
            code=f"{start + n:02}",
            alpha3=f"9{start + n:02}",
            name_ja=f"アトランティス{n}",
            name_en=f"Atlantis {n}",
            unesco_region=region,
        )
        for n in range(count)
    )


def test_country_changelist_runs_a_fixed_number_of_queries(staff_client, asia):
    add_countries(asia, 2)
    url = reverse("admin:consortium_country_changelist")
    assert_flat_queries(staff_client, url, lambda: add_countries(asia, 20), most=10)
    response = staff_client.get(url, {"unesco_region__id__exact": asia.pk, "q": "Atlantis"})
    assert response.context["cl"].result_count == 22


def test_country_change_form_opens_but_countries_are_never_added_or_deleted_by_hand(staff_client, asia):
    add_countries(asia, 1)
    country = Country.objects.get(code="00")
    assert count_queries(staff_client, reverse("admin:consortium_country_change", args=[country.pk])) <= 10
    assert staff_client.get(reverse("admin:consortium_country_add")).status_code == 403
    assert staff_client.get(reverse("admin:consortium_country_delete", args=[country.pk])).status_code == 403


def test_region_pages_open_in_a_fixed_number_of_queries(staff_client, asia):
    url = reverse("admin:consortium_region_changelist")

    def add_regions():
        Region.objects.bulk_create(
            Region(scheme=Region.Scheme.SUBCOMMITTEE, code=f"r{n}", name_ja=f"地域{n}", name_en=f"Region {n}")
            for n in range(20)
        )

    assert_flat_queries(staff_client, url, add_regions, most=8)
    assert count_queries(staff_client, reverse("admin:consortium_region_change", args=[asia.pk])) <= 8
    assert count_queries(staff_client, reverse("admin:consortium_region_add")) <= 8


def test_language_pages_open_in_a_fixed_number_of_queries(staff_client):
    language, _ = Language.objects.get_or_create(code="km", defaults={"name_ja": "クメール語", "name_en": "Khmer"})
    url = reverse("admin:consortium_language_changelist")

    def add_languages():
        Language.objects.bulk_create(
            Language(code=f"q{n:02}", name_ja=f"言語{n}", name_en=f"Language {n}") for n in range(20)
        )

    assert_flat_queries(staff_client, url, add_languages, most=8)
    assert count_queries(staff_client, reverse("admin:consortium_language_change", args=[language.pk])) <= 8
    assert staff_client.get(reverse("admin:consortium_language_add")).status_code == 403


@pytest.mark.parametrize(
    "url_name",
    [
        "admin:index",
        "admin:consortium_country_changelist",
        "admin:experts_expert_changelist",
        "admin:projects_cooperationproject_changelist",
        "admin:heritage_heritagesite_changelist",
        "admin:members_organization_changelist",
        "admin:experts_expert_add",
        "admin:experts_expert_import",
        "admin:experts_expert_export",
        "admin:projects_cooperationproject_add",
        "admin:projects_cooperationproject_import",
        "admin:projects_cooperationproject_export",
        "admin:heritage_heritagesite_add",
        "admin:heritage_heritagesite_import",
        "admin:heritage_heritagesite_export",
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "suspended_member"])
def test_everyone_but_staff_is_sent_to_the_admin_login(client, request, who, url_name):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse(url_name))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
