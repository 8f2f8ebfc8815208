"""The staff admin of organisations and sub-committees: pages, query counts, history, import and export."""

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from consortium.models import Country, Region
from members.models import Committee, Organization
from members.resources import OrganizationResource
from tests.admin_checks import (
    assert_flat_queries,
    assert_members_are_sent_to_the_admin_login,
    count_queries,
    csv_header,
    export,
    import_preview,
    xlsx_header,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cambodia():
    region, _ = Region.objects.get_or_create(
        scheme=Region.Scheme.SUBCOMMITTEE,
        code="southeast-asia",
        defaults={"name_ja": "東南アジア", "name_en": "Southeast Asia"},
    )
    country, _ = Country.objects.get_or_create(
        code="KH",
        defaults={"alpha3": "KHM", "name_ja": "カンボジア", "name_en": "Cambodia", "subcommittee_region": region},
    )
    return country


def make_organizations(count, country):
    start = Organization.objects.count()
    Organization.objects.bulk_create(
        Organization(
            name_en=f"Institute {start + n}", name_ja=f"研究所{start + n}", kind="university", country=country
        )
        for n in range(count)
    )


def test_organization_changelist_runs_a_fixed_number_of_queries(staff_client, cambodia):
    make_organizations(2, cambodia)
    url = reverse("admin:members_organization_changelist")
    assert_flat_queries(staff_client, url, lambda: make_organizations(20, cambodia), most=12)


def test_organization_changelist_filters_by_region_and_searches(staff_client, cambodia):
    make_organizations(3, cambodia)
    url = reverse("admin:members_organization_changelist")
    region = cambodia.subcommittee_region
    response = staff_client.get(url, {"country__subcommittee_region__id__exact": region.pk, "q": "Institute"})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3


def test_organization_change_and_add_forms_open(staff_client, cambodia):
    make_organizations(1, cambodia)
    organization = Organization.objects.get()
    assert count_queries(staff_client, reverse("admin:members_organization_change", args=[organization.pk])) <= 12
    assert count_queries(staff_client, reverse("admin:members_organization_add")) <= 10


def test_subcommittee_pages_open(staff_client, cambodia):
    region = cambodia.subcommittee_region
    committee = Committee.objects.create(code="asia", name_ja="アジア小委員会", name_en="Asia", region=region)
    url = reverse("admin:members_committee_changelist")

    def add_rows():
        for n in range(20):
            Committee.objects.create(code=f"c{n}", name_ja=f"小委員会{n}", name_en=f"Committee {n}", region=region)

    assert_flat_queries(staff_client, url, add_rows, most=10)
    assert count_queries(staff_client, reverse("admin:members_committee_change", args=[committee.pk])) <= 10
    assert count_queries(staff_client, reverse("admin:members_committee_add")) <= 10


def test_an_admin_edit_of_an_organisation_is_recorded_with_old_and_new_values(staff_client, staff, cambodia):
    organization = Organization.objects.create(name_en="Old name", name_ja="旧名", kind="university", country=cambodia)
    url = reverse("admin:members_organization_change", args=[organization.pk])
    response = staff_client.post(
        url,
        {"name_ja": "旧名", "name_en": "New name", "kind": "foundation", "country": "KH", "website": ""},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = organization.history.latest()
    delta = latest.diff_against(latest.prev_record)
    changes = {change.field: (change.old, change.new) for change in delta.changes}
    assert changes["name_en"] == ("Old name", "New name")
    assert changes["kind"] == ("university", "foundation")
    assert latest.history_user == staff
    history_page = staff_client.get(reverse("admin:members_organization_history", args=[organization.pk]))
    assert history_page.status_code == 200
    assert "New name" in history_page.content.decode()


def test_organization_import_preview_rejects_an_unknown_country_and_writes_nothing(staff_client, cambodia):
    content = (
        "id,name_ja,name_en,kind,country,website\n"
        ",奈良大学,Nara University,university,KH,\n"
        ",,Nowhere Institute,university,XX,\n"
    )
    response = import_preview(staff_client, reverse("admin:members_organization_import"), content)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert "XX" in " ".join(invalid.error_dict["country"])
    assert "confirm_form" not in response.context
    assert not Organization.objects.exists()


def test_organization_import_without_a_name_is_rejected_with_its_reason(staff_client):
    content = "id,name_ja,name_en,kind,country,website\n,,,university,,\n"
    response = import_preview(staff_client, reverse("admin:members_organization_import"), content)
    [invalid] = response.context["result"].invalid_rows
    assert invalid.error_dict["name_en"] == ["An organisation needs a name in Japanese or in English."]
    assert not Organization.objects.exists()


def test_organization_export_has_the_resource_columns_in_csv_and_xlsx(staff_client, cambodia):
    make_organizations(2, cambodia)
    url = reverse("admin:members_organization_export")
    expected = ["id", "name_ja", "name_en", "kind", "country", "website"]
    csv = export(staff_client, url, 0, OrganizationResource)
    assert csv_header(csv) == expected
    assert ",KH," in csv.content.decode()
    assert xlsx_header(export(staff_client, url, 1, OrganizationResource)) == expected


def test_non_staff_are_sent_to_the_admin_login(client, member):
    assert_members_are_sent_to_the_admin_login(client, member, "members_organization")


def test_staff_revert_an_organisation_to_an_earlier_version_from_its_history(staff_client, cambodia):
    organization = Organization.objects.create(name_en="Old name", name_ja="旧名", kind="university", country=cambodia)
    organization.name_en = "New name"
    organization.save()
    first = organization.history.earliest()
    url = reverse("admin:members_organization_simple_history", args=[organization.pk, first.history_id])

    page = staff_client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    assert form.initial["name_en"] == "Old name"
    data = {name: value for name, value in form.initial.items() if name in form.fields and value is not None}
    response = staff_client.post(url, data)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert organization.name_en == "Old name"
    assert organization.history.count() == 3


def test_an_xlsx_file_is_previewed_row_by_row_like_a_csv_one(staff_client, cambodia):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["id", "name_ja", "name_en", "kind", "country", "website"])
    sheet.append([None, "奈良大学", "Nara University", "university", "KH", None])
    sheet.append([None, "謎の機関", "Mystery body", "secret_society", "KH", None])
    upload = io.BytesIO()
    workbook.save(upload)
    upload.seek(0)
    upload.name = "organisations.xlsx"
    response = staff_client.post(
        reverse("admin:members_organization_import"), {"resource": "0", "format": "1", "import_file": upload}
    )
    result = response.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new"]
    [invalid] = result.invalid_rows
    assert invalid.number == 2
    assert list(invalid.error_dict) == ["kind"]
    assert not Organization.objects.exists()
