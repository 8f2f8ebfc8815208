"""What every import-export admin shares: formulas exported as text, permissions, the size limit."""

import csv
import io
import zipfile
from pathlib import Path

import openpyxl.xml.functions
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from openpyxl import load_workbook

from experts.models import Expert
from experts.resources import ExpertResource
from heritage.models import HeritageSite
from heritage.resources import HeritageSiteResource
from members.models import Organization
from members.resources import OrganizationResource
from projects.models import CooperationProject
from projects.resources import CooperationProjectResource
from tests.admin_checks import export, sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

FORMULAS = ['=HYPERLINK("http://x","y")', "+1", "-1+2", "@SUM(A1)"]

CSV, XLSX = 0, 1


def expert(text):
    return Expert.objects.create(family_name_en="Yamada", department=text)


def project(text):
    return CooperationProject.objects.create(title_en="Angkor", kind="research", start_year=2000, summary_en=text)


def site(text):
    return HeritageSite.objects.create(name_en="Angkor", whc_id=668, category="cultural", description_en=text)


def organization(text):
    return Organization.objects.create(name_ja="奈良大学", name_en=text, kind="university")


# (admin, resource, a record with ``text`` in a text field, that field's column)
ADMINS = [
    ("experts_expert", ExpertResource, expert, "department"),
    ("projects_cooperationproject", CooperationProjectResource, project, "summary_en"),
    ("heritage_heritagesite", HeritageSiteResource, site, "description_en"),
    ("members_organization", OrganizationResource, organization, "name_en"),
]
ADMIN_IDS = [admin for admin, *_ in ADMINS]


def upload(client, admin, content, fmt):
    """Posts ``content`` to the first (preview) step of ``admin``'s import as CSV or XLSX."""
    file = io.BytesIO(content)
    file.name = "import.xlsx" if fmt == XLSX else "import.csv"
    return client.post(reverse(f"admin:{admin}_import"), {"resource": "0", "format": str(fmt), "import_file": file})


def exported_cell(response, fmt, column):
    if fmt == CSV:
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        return rows[0][column], None
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(row=2, column=header.index(column) + 1)
    return cell.value, cell.data_type


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
@pytest.mark.parametrize("text", FORMULAS)
@pytest.mark.parametrize(("admin", "resource", "make", "column"), ADMINS, ids=ADMIN_IDS)
def test_a_formula_in_a_text_field_is_exported_as_text_and_imports_back_unchanged(
    staff_client, admin, resource, make, column, text, fmt
):
    record = make(text)
    response = export(staff_client, reverse(f"admin:{admin}_export"), fmt, resource)

    value, data_type = exported_cell(response, fmt, column)
    assert value == "'" + text
    if fmt == XLSX:
        assert data_type == "s"  # a string, not a formula ("f")

    preview = upload(staff_client, admin, response.content, fmt)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["skip"]
    record.refresh_from_db()
    assert getattr(record, column) == text


def test_an_imported_guard_is_removed_and_a_quoted_text_keeps_its_quote(staff_client):
    record = expert("'=text")  # quotes of its own: the export adds one more, the import removes only that one
    response = export(staff_client, reverse("admin:experts_expert_export"), CSV, ExpertResource)
    assert exported_cell(response, CSV, "department")[0] == "''=text"
    preview = upload(staff_client, "experts_expert", response.content, CSV)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["skip"]
    record.refresh_from_db()
    assert record.department == "'=text"


def test_numbers_are_exported_as_numbers_not_guarded(staff_client):
    HeritageSite.objects.create(name_en="Angkor", whc_id=668, category="cultural", latitude="-13.4", longitude="103.8")
    response = export(staff_client, reverse("admin:heritage_heritagesite_export"), CSV, HeritageSiteResource)
    assert exported_cell(response, CSV, "latitude")[0].startswith("-13.4")


def clerk(client, admin, *actions):
    """A staff account with a second factor and only the permissions ``actions`` ("view"...) on the model."""
    user = make_user("clerk@example.org", is_staff=True)
    app_label, model = admin.split("_", 1)
    for action in actions:
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model}")
        )
    return sign_in_to_admin(client, user)


@pytest.mark.parametrize(("admin", "resource", "make", "column"), ADMINS, ids=ADMIN_IDS)
def test_staff_without_model_permissions_can_neither_export_nor_import(client, admin, resource, make, column):
    make("secret")
    clerk(client, admin)
    assert client.get(reverse(f"admin:{admin}_export")).status_code == 403
    data = {"resource": "0", "format": "0"}
    data.update({f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()})
    response = client.post(reverse(f"admin:{admin}_export"), data)
    assert response.status_code == 403
    assert b"secret" not in response.content
    assert client.get(reverse(f"admin:{admin}_import")).status_code == 403
    assert upload(client, admin, b"id\n", CSV).status_code == 403
    assert client.post(reverse(f"admin:{admin}_process_import"), {}).status_code == 403


@pytest.mark.parametrize(("admin", "resource", "make", "column"), ADMINS, ids=ADMIN_IDS)
def test_staff_with_the_view_permission_can_export_but_not_import(client, admin, resource, make, column):
    make("exported")
    clerk(client, admin, "view")
    changelist = client.get(reverse(f"admin:{admin}_changelist")).content.decode()
    assert reverse(f"admin:{admin}_export") in changelist
    assert reverse(f"admin:{admin}_import") not in changelist
    assert "exported" in export(client, reverse(f"admin:{admin}_export"), CSV, resource).content.decode("utf-8-sig")
    assert client.get(reverse(f"admin:{admin}_import")).status_code == 403


@pytest.mark.parametrize("actions", [("change",), ("add",)])
@pytest.mark.parametrize(("admin", "resource", "make", "column"), ADMINS, ids=ADMIN_IDS)
def test_staff_with_only_one_of_add_and_change_cannot_import(client, admin, resource, make, column, actions):
    clerk(client, admin, *actions)
    assert client.get(reverse(f"admin:{admin}_import")).status_code == 403
    assert upload(client, admin, b"id\n", CSV).status_code == 403


@pytest.mark.parametrize(("admin", "resource", "make", "column"), ADMINS, ids=ADMIN_IDS)
def test_staff_with_the_add_and_change_permissions_can_import(client, admin, resource, make, column):
    record = make("before")
    clerk(client, admin, "view", "add", "change")
    assert reverse(f"admin:{admin}_import") in client.get(reverse(f"admin:{admin}_changelist")).content.decode()
    exported = export(client, reverse(f"admin:{admin}_export"), CSV, resource).content.decode("utf-8-sig")
    preview = upload(client, admin, exported.replace("before", "after").encode(), CSV)
    assert preview.status_code == 200
    confirm = preview.context["confirm_form"].initial
    assert client.post(reverse(f"admin:{admin}_process_import"), confirm).status_code == 302
    record.refresh_from_db()
    assert getattr(record, column) == "after"


def test_imports_take_files_of_at_most_ten_megabytes_by_default():
    assert settings.IMPORT_MAX_BYTES == 10 * 1024 * 1024


@pytest.mark.parametrize("fmt", [CSV, XLSX], ids=["csv", "xlsx"])
def test_an_import_larger_than_the_limit_is_refused_with_a_form_error_and_writes_nothing(staff_client, settings, fmt):
    settings.IMPORT_MAX_BYTES = 100
    content = ("id,family_name_en\n" + ",Yamada\n" * 20).encode()
    assert len(content) > 100
    response = upload(staff_client, "experts_expert", content, fmt)
    assert response.status_code == 200
    assert "result" not in response.context
    [error] = response.context["form"].errors["import_file"]
    # filesizeformat keeps a number and its unit together with a no-break space.
    expected = "This file is 178 bytes; an import takes files of at most 100 bytes. Split it into smaller files."
    assert error == expected.replace(" bytes", "\xa0bytes")
    assert error in response.content.decode()
    assert not Expert.objects.exists()


def test_an_import_within_the_limit_is_previewed(staff_client, settings):
    content = b"id,family_name_en\n,Yamada\n"
    settings.IMPORT_MAX_BYTES = len(content)
    response = upload(staff_client, "experts_expert", content, CSV)
    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new"]


def test_openpyxl_parses_xlsx_files_with_defusedxml():
    assert openpyxl.DEFUSEDXML is True
    assert openpyxl.xml.functions.iterparse.__module__.startswith("defusedxml.")


def test_requirements_pin_defusedxml_so_that_every_installation_has_it():
    requirements = (Path(__file__).resolve().parents[2] / "requirements.txt").read_text().splitlines()
    assert any(line.startswith("defusedxml==") for line in requirements)


def with_entity(xlsx):
    """``xlsx`` with its sheet's text "Yamada" replaced by an XML entity of that value declared in a DTD."""
    source = zipfile.ZipFile(io.BytesIO(xlsx))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<worksheet ", b'<!DOCTYPE worksheet [<!ENTITY a "Yamada">]><worksheet ', 1)
                data = data.replace(b">Yamada<", b">&a;<")
            target.writestr(item, data)
    return output.getvalue()


def test_an_xlsx_import_declaring_xml_entities_is_refused_and_writes_nothing(staff_client):
    workbook = openpyxl.Workbook()
    workbook.active.append(["id", "family_name_en"])
    workbook.active.append([None, "Yamada"])
    file = io.BytesIO()
    workbook.save(file)
    response = upload(staff_client, "experts_expert", with_entity(file.getvalue()), XLSX)
    assert response.status_code == 200
    assert "result" not in response.context
    assert "while trying to read file" in response.context["form"].errors["import_file"][0]
    assert not Expert.objects.exists()
