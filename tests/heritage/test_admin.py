"""The staff admin of heritage sites and threats: pages, query counts, history, import and export."""

import pytest
from django.urls import reverse

from consortium.models import Country
from heritage.models import DangerPeriod, HeritageSite, Threat
from heritage.resources import HeritageSiteResource
from tests.admin_checks import (
    assert_export_columns,
    assert_export_imports_back_unchanged,
    assert_flat_queries,
    assert_members_are_sent_to_the_admin_login,
    count_queries,
    import_preview,
)

pytestmark = pytest.mark.django_db

HEADER = (
    "id,whc_id,name_ja,name_en,name_fr,category,countries,transboundary,inscription_year,criteria,in_danger,"
    "latitude,longitude,area_hectares,description_ja,description_en,description_fr,threats"
)


@pytest.fixture
def places():
    """Two neighbouring countries and a threat for the sites below."""
    found = [
        Country.objects.get_or_create(code=code, defaults={"alpha3": alpha3, "name_ja": ja, "name_en": en})[0]
        for code, alpha3, ja, en in [
            ("BA", "BIH", "ボスニア・ヘルツェゴビナ", "Bosnia and Herzegovina"),
            ("HR", "HRV", "クロアチア", "Croatia"),
        ]
    ]
    threat, _ = Threat.objects.get_or_create(
        code="armed-conflict", defaults={"name_ja": "武力紛争", "name_en": "Armed conflict"}
    )
    return {"countries": found, "threat": threat}


def make_sites(count, places):
    start = HeritageSite.objects.count()
    sites = HeritageSite.objects.bulk_create(
        HeritageSite(
            name_en=f"Stećci {start + n}",
            name_ja=f"ステチュツィ{start + n}",
            whc_id=9000 + start + n,
            category="cultural",
            transboundary=True,
            criteria=["iii", "vi"],
        )
        for n in range(count)
    )
    for site in sites:
        site.countries.add(*places["countries"])
        site.threats.add(places["threat"])
    return sites


def test_site_changelist_runs_a_fixed_number_of_queries(staff_client, places):
    make_sites(2, places)
    url = reverse("admin:heritage_heritagesite_changelist")
    assert_flat_queries(staff_client, url, lambda: make_sites(20, places), most=12)


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


def test_site_change_form_runs_a_fixed_number_of_queries_whatever_its_periods_in_danger(staff_client, places):
    [site] = make_sites(1, places)

    def add_periods(count):
        start = DangerPeriod.objects.filter(site=site).count()
        for n in range(count):
            DangerPeriod.objects.create(site=site, start_year=1950 + 2 * (start + n), end_year=1951 + 2 * (start + n))

    add_periods(1)
    url = reverse("admin:heritage_heritagesite_change", args=[site.pk])
    assert_flat_queries(staff_client, url, lambda: add_periods(15), most=15)


def test_site_add_form_and_threat_pages_open(staff_client, places):
    assert count_queries(staff_client, reverse("admin:heritage_heritagesite_add")) <= 10
    threat = places["threat"]

    def add_threats():
        Threat.objects.bulk_create(Threat(code=f"t{n}", name_ja=f"脅威{n}", name_en=f"Threat {n}") for n in range(20))

    assert_flat_queries(staff_client, reverse("admin:heritage_threat_changelist"), add_threats, most=8)
    assert count_queries(staff_client, reverse("admin:heritage_threat_change", args=[threat.pk])) <= 8
    assert count_queries(staff_client, reverse("admin:heritage_threat_add")) <= 8


def test_an_admin_edit_of_a_site_is_recorded_with_old_and_new_values(staff_client, staff, places):
    [site] = make_sites(1, places)
    data = {
        "name_ja": site.name_ja,
        "name_en": site.name_en,
        "name_fr": "",
        "whc_id": str(site.whc_id),
        "category": "cultural",
        "inscription_year": "2016",
        "criteria": "iii,vi",
        "in_danger": "on",
        "transboundary": "on",
        "countries": [country.pk for country in places["countries"]],
        "latitude": "",
        "longitude": "",
        "area_hectares": "",
        "description_ja": "",
        "description_en": "",
        "description_fr": "",
        "threats": [places["threat"].pk],
        "danger_periods-TOTAL_FORMS": "1",
        "danger_periods-INITIAL_FORMS": "0",
        "danger_periods-0-start_year": "2024",
        "danger_periods-0-end_year": "",
    }
    response = staff_client.post(reverse("admin:heritage_heritagesite_change", args=[site.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = site.history.latest()
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
    assert changes["in_danger"] == (False, True)
    assert changes["inscription_year"] == (None, 2016)
    assert latest.history_user == staff
    assert site.danger_periods.get().start_year == 2024
    history_page = staff_client.get(reverse("admin:heritage_heritagesite_history", args=[site.pk]))
    assert history_page.status_code == 200


def test_import_preview_rejects_each_bad_row_with_its_reason_and_writes_nothing(staff_client, places):
    content = "\n".join(
        [
            HEADER,
            ",1504,ステチュツィ,Stećci Medieval Tombstones,Stećci,cultural,BA;HR,1,2016,iii;vi,0,43.2,17.6,,,,,",
            ",1505,,Somewhere,,cultural,XK9,0,2016,,0,,,,,,,",
            ",1506,,,,cultural,BA,0,2016,,0,,,,,,,",
            ",1507,,Odd criteria,,cultural,BA,0,2016,xi,0,,,,,,,",
            ",1508,,Off the map,,natural,HR,0,2016,vii,0,95,17.6,,,,,",
        ]
    )
    response = import_preview(staff_client, reverse("admin:heritage_heritagesite_import"), content)
    assert response.status_code == 200
    errors = {row.number: row.error_dict for row in response.context["result"].invalid_rows}
    assert set(errors) == {2, 3, 4, 5}
    assert errors[2]["countries"] == ["Unknown countries: XK9."]
    assert errors[3]["name_en"] == ["A site needs a name in Japanese, English or French."]
    assert errors[4]["criteria"] == ["Not World Heritage criteria: xi. Use roman numerals from i to x."]
    assert errors[5] == {"latitude": ["The latitude must be between -90 and 90."]}
    assert "confirm_form" not in response.context
    assert not HeritageSite.objects.exists()


def test_a_row_without_an_id_updates_the_site_with_its_world_heritage_id(staff_client, places):
    [site] = make_sites(1, places)
    row = f",{site.whc_id},{site.name_ja},{site.name_en},Stećci,cultural,BA;HR,1,2016,iii;vi,1,,,,,,,armed-conflict"
    content = f"{HEADER}\n{row}\n"
    preview = import_preview(staff_client, reverse("admin:heritage_heritagesite_import"), content)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["update"]

    response = staff_client.post(
        reverse("admin:heritage_heritagesite_process_import"), preview.context["confirm_form"].initial
    )
    assert response.status_code == 302
    site.refresh_from_db()
    assert site.in_danger is True
    assert site.name_fr == "Stećci"
    assert HeritageSite.objects.count() == 1


def test_an_exported_file_imports_back_as_unchanged_rows(staff_client, places):
    make_sites(3, places)
    HeritageSite.objects.update(latitude="43.264722", longitude="17.843889", area_hectares="12.50", in_danger=True)
    assert_export_imports_back_unchanged(staff_client, "heritage_heritagesite", HeritageSiteResource, rows=3)


def test_export_has_the_resource_columns_in_csv_and_xlsx(staff_client, places):
    make_sites(2, places)
    assert_export_columns(
        staff_client, "heritage_heritagesite", HeritageSiteResource, HEADER, "cultural,BA;HR,1,,iii;vi,0,"
    )


def test_non_staff_are_sent_to_the_admin_login(client, member):
    assert_members_are_sent_to_the_admin_login(client, member, "heritage_heritagesite")
