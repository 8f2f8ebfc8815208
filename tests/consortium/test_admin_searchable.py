"""The staff admin of the searchable records (experts, projects, heritage sites): what each app's admin shares.

Each test runs over the three apps, each described by a ``SearchableAdmin``: its admin's URL names, how to
build records with their related rows, an import file with bad rows and the errors they get, a clean import
and what it writes, an edit and what its history records. What only one app's admin does is tested in that
app's own ``tests/<app>/test_admin.py``; that everyone but staff is sent to the admin login, with the other
admins in ``test_admin.py``.
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Model
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from import_export.resources import ModelResource

from experts.models import Expert
from experts.resources import ExpertResource
from heritage.models import HeritageSite
from heritage.resources import HeritageSiteResource
from projects.models import CooperationProject
from projects.resources import CooperationProjectResource
from tests.admin_checks import (
    assert_export_columns,
    assert_export_imports_back_unchanged,
    assert_flat_queries,
    change_form_data,
    export,
    import_preview,
)
from tests.experts import records as experts
from tests.heritage import records as heritage
from tests.projects import records as projects

pytestmark = pytest.mark.django_db

IMPORT_REASON = "Imported from import.csv"  # the history's reason for a change an import made


@dataclass(frozen=True)
class SearchableAdmin:
    """One app's admin of a searchable model, as the tests below need to know it."""

    admin: str  # "app_model", the prefix of the admin's URL names
    model: type[Model]
    resource: type[ModelResource]
    header: str  # the columns of its import and export files
    related: Callable[[], dict]  # creates the reference rows the records point to
    make: Callable[[int, dict], list]  # creates ``count`` records pointing to those rows
    add_rows: Callable[[Model, int], None]  # adds ``count`` rows to a record's change form (its inlines)
    change_form_most: int
    exported_row: str  # a stretch of an exported row: the related rows by the names an import takes
    round_trip_fields: dict  # values given to every record before the export that must import back unchanged
    edit: dict  # changes posted from a record's change form
    edit_history: dict  # field: (old value, new value) that the history records for ``edit``
    edit_shown: str  # a new value that the record's history page shows
    bad_rows: list[str]
    bad_row_errors: dict  # row number: {column: [messages]} for each rejected row of ``bad_rows``
    valid_row_shown: str  # a value of the valid row in ``bad_rows``, previewed beside the rejected ones
    clean_rows: Callable[[Model], list[str]]  # rows of a clean import, given a record that already exists
    clean_import_types: list[str]
    assert_imported: Callable[[dict, Model], None]  # checks what the confirmed clean import wrote

    def __str__(self):
        return self.admin

    def url(self, view, *args):
        return reverse(f"admin:{self.admin}_{view}", args=args)


def expert_import_written(vocabulary, existing):
    hanako = Expert.objects.get(family_name_en="Sato")
    assert sorted(hanako.countries.values_list("code", flat=True)) == ["KH", "VN"]
    assert hanako.organization == vocabulary["organization"]
    existing.refresh_from_db()
    assert existing.visibility == "staff"


def project_import_written(links, existing):
    project = CooperationProject.objects.get(title_en="Angkor")
    assert project.lead_organization == links["lead"]
    assert list(project.sites.all()) == [links["site"]]
    assert list(project.partners.all()) == [links["partner"]]
    assert list(project.funders.all()) == [links["funder"]]


def site_import_written(places, existing):
    # The second row has no id: it updated the site with its World Heritage id rather than adding another.
    assert HeritageSite.objects.count() == 2
    existing.refresh_from_db()
    assert existing.in_danger is True
    assert existing.name_fr == "Stećci"
    added = HeritageSite.objects.get(whc_id=1504)
    assert sorted(added.countries.values_list("code", flat=True)) == ["BA", "HR"]
    assert list(added.threats.all()) == [places["threat"]]


EXPERTS = SearchableAdmin(
    admin="experts_expert",
    model=Expert,
    resource=ExpertResource,
    header=experts.HEADER,
    related=experts.make_vocabulary,
    make=experts.make_experts,
    add_rows=experts.add_projects,
    change_form_most=25,
    exported_row="Nara University,,,,archaeology,KH;VN,en,",
    round_trip_fields={},
    edit={"email": "taro@example.org", "visibility": "staff"},
    edit_history={"email": ("", "taro@example.org"), "visibility": ("members", "staff")},
    edit_shown="taro@example.org",
    bad_rows=[
        ",佐藤,花子,さとう,はなこ,Sato,Hanako,Nara University,,,,archaeology,KH;VN,en,,,hanako@example.org,,members",
        ",鈴木,一郎,,,Suzuki,Ichiro,,,,,,KH;ZZ,,,,,,members",
        ",,,,,,Nobody,,,,,,,,,,,,members",
        ",田中,次郎,,,Tanaka,Jiro,,,,,,,,,,not-an-address,,members",
        ",伊藤,三郎,,,Ito,Saburo,Unknown College,,,,underwater,,,,,,,members",
    ],
    bad_row_errors={
        2: {"countries": ["Unknown countries: ZZ."]},
        3: {"family_name_en": ["An expert needs a family name in kanji or in roman letters."]},
        4: {"email": ["Enter a valid email address."]},
        5: {
            "organization": ["No organisation is called “Unknown College”."],
            "specialties": ["Unknown specialties: underwater."],
        },
    },
    valid_row_shown="hanako@example.org",
    clean_rows=lambda existing: [
        ",佐藤,花子,さとう,はなこ,Sato,Hanako,奈良大学,,,,archaeology,kh;VN,en,,,hanako@example.org,,members",
        f"{existing.pk},山田,{existing.given_name},,,Yamada,{existing.given_name_en},Nara University,,,,"
        "archaeology,KH;VN,en,,,,,staff",
    ],
    clean_import_types=["new", "update"],
    assert_imported=expert_import_written,
)

PROJECTS = SearchableAdmin(
    admin="projects_cooperationproject",
    model=CooperationProject,
    resource=CooperationProjectResource,
    header=projects.HEADER,
    related=projects.make_links,
    make=projects.make_projects,
    add_rows=projects.add_team,
    change_form_most=25,
    exported_row="KH,668,Nara Institute,APSARA,bunkacho,",
    round_trip_fields={},
    edit={"title_en": "Safeguarding Angkor", "status": "completed"},
    edit_history={"title_en": ("Angkor conservation 0", "Safeguarding Angkor"), "status": ("ongoing", "completed")},
    edit_shown="Safeguarding Angkor",
    bad_rows=[
        ",アンコール,Angkor,,,conservation,ongoing,2001,2004,KH,668,Nara Institute,APSARA,bunkacho,,,,,members",
        ",逆行,Backwards,,,research,completed,2010,2005,KH,,,,,,,,,members",
        ",,,,,research,planned,2020,,KH,,,,,,,,,members",
        ",不明,Unknown site,,,research,planned,2020,,QQ,99999,,,nobody,,,,,members",
    ],
    bad_row_errors={
        2: {"end_year": ["The end year (2005) is before the start year (2010)."]},
        3: {"title_en": ["A project needs a title in Japanese or in English."]},
        4: {
            "countries": ["Unknown countries: QQ."],
            "sites": ["Unknown heritage sites: 99999."],
            "funders": ["Unknown funders: nobody."],
        },
    },
    valid_row_shown="Nara Institute",
    clean_rows=lambda existing: [
        ",アンコール,Angkor,,,conservation,ongoing,2001,2004,KH,668,奈良文化財研究所,APSARA,bunkacho,,,,,members"
    ],
    clean_import_types=["new"],
    assert_imported=project_import_written,
)

HERITAGE = SearchableAdmin(
    admin="heritage_heritagesite",
    model=HeritageSite,
    resource=HeritageSiteResource,
    header=heritage.HEADER,
    related=heritage.make_places,
    make=heritage.make_sites,
    add_rows=heritage.add_danger_periods,
    change_form_most=15,
    exported_row="cultural,BA;HR,1,,iii;vi,0,",
    round_trip_fields={
        "latitude": "43.264722",
        "longitude": "17.843889",
        "area_hectares": "12.50",
        "in_danger": True,
    },
    edit={"in_danger": "on", "inscription_year": "2016"},
    edit_history={"in_danger": (False, True), "inscription_year": (None, 2016)},
    edit_shown="2016",
    bad_rows=[
        ",1504,ステチュツィ,Stećci Medieval Tombstones,Stećci,cultural,BA;HR,1,2016,iii;vi,0,43.2,17.6,,,,,",
        ",1505,,Somewhere,,cultural,XK9,0,2016,,0,,,,,,,",
        ",1506,,,,cultural,BA,0,2016,,0,,,,,,,",
        ",1507,,Odd criteria,,cultural,BA,0,2016,xi,0,,,,,,,",
        ",1508,,Off the map,,natural,HR,0,2016,vii,0,95,17.6,,,,,",
    ],
    bad_row_errors={
        2: {"countries": ["Unknown countries: XK9."]},
        3: {"name_en": ["A site needs a name in Japanese, English or French."]},
        4: {"criteria": ["Not World Heritage criteria: xi. Use roman numerals from i to x."]},
        5: {"latitude": ["The latitude must be between -90 and 90."]},
    },
    valid_row_shown="Stećci Medieval Tombstones",
    clean_rows=lambda existing: [
        ",1504,ステチュツィ,Stećci Medieval Tombstones,,cultural,BA;HR,1,2016,iii;vi,0,43.2,17.6,,,,,armed-conflict",
        f",{existing.whc_id},{existing.name_ja},{existing.name_en},Stećci,cultural,BA;HR,1,2016,iii;vi,1,,,,,,,"
        "armed-conflict",
    ],
    clean_import_types=["new", "update"],
    assert_imported=site_import_written,
)


@pytest.fixture(params=[EXPERTS, PROJECTS, HERITAGE], ids=str)
def app(request):
    return request.param


@pytest.fixture
def related(app):
    return app.related()


def stored_uploads():
    """Keys of the import files waiting in the cache (Redis) for a confirmation."""
    return list(cache._cache.get_client().scan_iter(match=f"{cache.key_prefix}:*django-import-export-*"))


def test_the_changelist_runs_a_fixed_number_of_queries(staff_client, app, related):
    app.make(2, related)
    assert_flat_queries(staff_client, app.url("changelist"), lambda: app.make(20, related), most=12)


def test_the_change_form_runs_a_fixed_number_of_queries_whatever_its_related_rows(staff_client, app, related):
    [record] = app.make(1, related)
    app.add_rows(record, 1)
    url = app.url("change", record.pk)
    assert_flat_queries(staff_client, url, lambda: app.add_rows(record, 15), most=app.change_form_most)


def test_an_admin_edit_is_recorded_with_who_when_and_the_old_and_new_values(staff_client, staff, app, related):
    [record] = app.make(1, related)
    url = app.url("change", record.pk)
    response = staff_client.post(url, change_form_data(staff_client.get(url)) | app.edit)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = record.history.latest()
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
    assert changes == app.edit_history
    assert latest.history_user == staff
    assert latest.history_date is not None

    history_page = staff_client.get(app.url("history", record.pk))
    assert history_page.status_code == 200
    assert app.edit_shown in history_page.content.decode()
    assert staff_client.get(app.url("simple_history", record.pk, latest.prev_record.history_id)).status_code == 200

    # django-simple-history has no Japanese of its own: its words come from the project's catalogue.
    japanese = staff_client.get(app.url("history", record.pk), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    for words in ("変更者", "変更理由", "変更内容", "日時"):
        assert words in japanese


def test_the_import_preview_rejects_each_bad_row_with_its_reason_and_writes_nothing(staff_client, app, related):
    response = import_preview(staff_client, app.url("import"), "\n".join([app.header, *app.bad_rows]))
    assert response.status_code == 200
    errors = {row.number: row.error_dict for row in response.context["result"].invalid_rows}
    assert errors == app.bad_row_errors
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Rejected rows" in page
    assert "Rows without errors" in page
    assert app.valid_row_shown in page
    assert not app.model.objects.exists()
    assert not stored_uploads(), "the refused file was kept for a confirmation that cannot come"


def test_a_clean_import_is_previewed_then_written_on_confirmation(staff_client, staff, app, related):
    [existing] = app.make(1, related)
    preview = import_preview(staff_client, app.url("import"), "\n".join([app.header, *app.clean_rows(existing)]))
    assert [row.import_type for row in preview.context["result"].valid_rows()] == app.clean_import_types
    assert app.model.objects.count() == 1
    assert len(stored_uploads()) == 1

    response = staff_client.post(app.url("process_import"), preview.context["confirm_form"].initial)
    assert response.status_code == 302
    assert not stored_uploads()
    app.assert_imported(related, existing)
    imported = set(app.model.history.filter(history_change_reason=IMPORT_REASON).values_list("id", flat=True))
    assert len(imported) == len(app.clean_import_types)
    for pk in imported:
        latest = app.model.history.filter(id=pk).latest()
        assert (latest.history_user, latest.history_change_reason) == (staff, IMPORT_REASON)


def test_the_export_runs_a_fixed_number_of_queries(staff_client, app, related):
    app.make(2, related)
    url = app.url("export")
    export(staff_client, url, 0, app.resource)
    with CaptureQueriesContext(connection) as few:
        export(staff_client, url, 0, app.resource)
    app.make(20, related)
    with CaptureQueriesContext(connection) as many:
        response = export(staff_client, url, 0, app.resource)
    assert len(many) == len(few)
    assert len(response.content.decode("utf-8-sig").splitlines()) == 1 + 22


def test_an_exported_file_imports_back_as_unchanged_rows(staff_client, app, related):
    app.make(3, related)
    if app.round_trip_fields:
        app.model.objects.update(**app.round_trip_fields)
    assert_export_imports_back_unchanged(staff_client, app.admin, app.resource, rows=3)


def test_the_export_has_the_resource_columns_in_csv_and_xlsx(staff_client, app, related):
    app.make(2, related)
    assert_export_columns(staff_client, app.admin, app.resource, app.header, app.exported_row)
