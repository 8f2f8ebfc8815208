"""The staff admin of experts and specialties: pages, query counts, history, import and export."""

import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortium.models import Country, Language
from experts.models import Expert, Specialty
from experts.resources import ExpertResource
from members.models import Organization
from projects.models import CooperationProject, Participation
from tests.admin_checks import (
    assert_export_columns,
    assert_export_imports_back_unchanged,
    assert_flat_queries,
    assert_members_are_sent_to_the_admin_login,
    count_queries,
    export,
    import_preview,
    sign_in_to_admin,
)
from tests.admin_checks import change_form_data as admin_form_data
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

HEADER = (
    "id,family_name,given_name,family_name_kana,given_name_kana,family_name_en,given_name_en,organization,"
    "department,position_ja,position_en,specialties,countries,languages,biography_ja,biography_en,email,phone,"
    "visibility"
)


@pytest.fixture
def vocabulary():
    """The few reference rows the experts below point to."""
    countries = [
        Country.objects.get_or_create(code=code, defaults={"alpha3": alpha3, "name_ja": ja, "name_en": en})[0]
        for code, alpha3, ja, en in [("KH", "KHM", "カンボジア", "Cambodia"), ("VN", "VNM", "ベトナム", "Viet Nam")]
    ]
    language, _ = Language.objects.get_or_create(code="en", defaults={"name_ja": "英語", "name_en": "English"})
    specialty, _ = Specialty.objects.get_or_create(
        code="archaeology", defaults={"name_ja": "考古学", "name_en": "Archaeology"}
    )
    organization = Organization.objects.create(name_ja="奈良大学", name_en="Nara University", kind="university")
    return {"countries": countries, "language": language, "specialty": specialty, "organization": organization}


def make_experts(count, vocabulary):
    start = Expert.objects.count()
    experts = Expert.objects.bulk_create(
        Expert(
            family_name="山田",
            given_name=f"太郎{start + n}",
            family_name_en="Yamada",
            given_name_en=f"Taro{start + n}",
            organization=vocabulary["organization"],
        )
        for n in range(count)
    )
    for expert in experts:
        expert.specialties.add(vocabulary["specialty"])
        expert.countries.add(*vocabulary["countries"])
        expert.languages.add(vocabulary["language"])
    return experts


def test_expert_changelist_runs_a_fixed_number_of_queries(staff_client, vocabulary):
    make_experts(2, vocabulary)
    url = reverse("admin:experts_expert_changelist")
    assert_flat_queries(staff_client, url, lambda: make_experts(20, vocabulary), most=12)


def test_expert_changelist_filters_and_searches_in_a_fixed_number_of_queries(staff_client, vocabulary):
    make_experts(2, vocabulary)
    specialty = vocabulary["specialty"]
    url = reverse("admin:experts_expert_changelist") + f"?specialties__id__exact={specialty.pk}&q=Yamada"
    assert_flat_queries(staff_client, url, lambda: make_experts(20, vocabulary), most=12)
    assert staff_client.get(url).context["cl"].result_count == 22


def test_admin_search_finds_an_expert_whichever_script_staff_type(staff_client, vocabulary):
    make_experts(2, vocabulary)
    Expert.objects.create(
        family_name="佐藤",
        given_name="花子",
        family_name_kana="さとう",
        given_name_kana="はなこ",
        family_name_en="Sato",
        given_name_en="Hanako",
    )
    url = reverse("admin:experts_expert_changelist")
    for term in ["佐藤", "さとう", "サトウ", "sato", "Hanako Sato"]:
        results = staff_client.get(url, {"q": term}).context["cl"].result_list
        assert [expert.family_name_en for expert in results] == ["Sato"], term


def test_the_autocomplete_of_experts_uses_the_same_search(staff_client, vocabulary):
    make_experts(2, vocabulary)
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "projects", "model_name": "participation", "field_name": "expert", "term": "山田"},
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) == 2


def test_expert_change_form_runs_a_fixed_number_of_queries_whatever_its_projects(staff_client, vocabulary):
    [expert] = make_experts(1, vocabulary)

    def add_projects(count):
        for n in range(count):
            project = CooperationProject.objects.create(title_en=f"Project {n}", kind="research", start_year=2000 + n)
            Participation.objects.create(project=project, expert=expert)

    add_projects(1)
    url = reverse("admin:experts_expert_change", args=[expert.pk])
    assert_flat_queries(staff_client, url, lambda: add_projects(15), most=25)


def test_expert_add_form_and_specialty_pages_open(staff_client, vocabulary):
    assert count_queries(staff_client, reverse("admin:experts_expert_add")) <= 12
    specialty = vocabulary["specialty"]

    def add_specialties():
        Specialty.objects.bulk_create(
            Specialty(code=f"s{n}", name_ja=f"分野{n}", name_en=f"Field {n}") for n in range(20)
        )

    assert_flat_queries(staff_client, reverse("admin:experts_specialty_changelist"), add_specialties, most=8)
    assert count_queries(staff_client, reverse("admin:experts_specialty_change", args=[specialty.pk])) <= 8
    assert count_queries(staff_client, reverse("admin:experts_specialty_add")) <= 8


def stored_uploads():
    """Keys of the import files waiting in the cache (Redis) for a confirmation."""
    return list(cache._cache.get_client().scan_iter(match=f"{cache.key_prefix}:*django-import-export-*"))


def change_form_data(expert, **changes):
    data = {
        "family_name": expert.family_name,
        "given_name": expert.given_name,
        "family_name_kana": "",
        "given_name_kana": "",
        "family_name_en": expert.family_name_en,
        "given_name_en": expert.given_name_en,
        "organization": expert.organization_id or "",
        "department": "",
        "position_ja": "",
        "position_en": "",
        "specialties": [s.pk for s in expert.specialties.all()],
        "countries": [c.pk for c in expert.countries.all()],
        "languages": [lang.pk for lang in expert.languages.all()],
        "biography_ja": "",
        "biography_en": "",
        "email": expert.email,
        "phone": "",
        "user": "",
        "visibility": expert.visibility,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_an_admin_edit_is_recorded_with_who_when_and_the_old_and_new_values(staff_client, staff, vocabulary):
    [expert] = make_experts(1, vocabulary)
    url = reverse("admin:experts_expert_change", args=[expert.pk])
    response = staff_client.post(url, change_form_data(expert, email="taro@example.org", visibility="staff"))
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = expert.history.latest()
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
    assert changes["email"] == ("", "taro@example.org")
    assert changes["visibility"] == ("members", "staff")
    assert latest.history_user == staff
    assert latest.history_date is not None

    history_page = staff_client.get(reverse("admin:experts_expert_history", args=[expert.pk]))
    assert history_page.status_code == 200
    assert "taro@example.org" in history_page.content.decode()
    revert_page = staff_client.get(
        reverse("admin:experts_expert_simple_history", args=[expert.pk, latest.prev_record.history_id])
    )
    assert revert_page.status_code == 200

    # django-simple-history has no Japanese of its own: its words come from the project's catalogue.
    japanese = staff_client.get(
        reverse("admin:experts_expert_history", args=[expert.pk]), HTTP_ACCEPT_LANGUAGE="ja"
    ).content.decode()
    for words in ("変更者", "変更理由", "変更内容", "日時"):
        assert words in japanese


def test_staff_who_may_only_view_experts_cannot_revert_one(client, staff_client, vocabulary):
    [expert] = make_experts(1, vocabulary)
    staff_client.post(
        reverse("admin:experts_expert_change", args=[expert.pk]), change_form_data(expert, visibility="staff")
    )
    earlier = expert.history.latest().prev_record
    url = reverse("admin:experts_expert_simple_history", args=[expert.pk, earlier.history_id])
    data = admin_form_data(staff_client.get(url))
    viewer = make_user("viewer@example.org", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename="view_expert"))
    sign_in_to_admin(client, viewer)

    assert client.post(url, data).status_code == 403
    expert.refresh_from_db()
    assert expert.visibility == "staff"


def test_import_preview_rejects_each_bad_row_with_its_reason_and_writes_nothing(staff_client, vocabulary):
    content = "\n".join(
        [
            HEADER,
            ",佐藤,花子,さとう,はなこ,Sato,Hanako,Nara University,,,,archaeology,KH;VN,en,,,"
            "hanako@example.org,,members",
            ",鈴木,一郎,,,Suzuki,Ichiro,,,,,,KH;ZZ,,,,,,members",
            ",,,,,,Nobody,,,,,,,,,,,,members",
            ",田中,次郎,,,Tanaka,Jiro,,,,,,,,,,not-an-address,,members",
            ",伊藤,三郎,,,Ito,Saburo,Unknown College,,,,underwater,,,,,,,members",
        ]
    )
    response = import_preview(staff_client, reverse("admin:experts_expert_import"), content)
    assert response.status_code == 200
    result = response.context["result"]
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(errors) == {2, 3, 4, 5}
    assert errors[2]["countries"] == ["Unknown countries: ZZ."]
    assert errors[3]["family_name_en"] == ["An expert needs a family name in kanji or in roman letters."]
    assert errors[4]["email"] == ["Enter a valid email address."]
    assert errors[5]["organization"] == ["No organisation is called “Unknown College”."]
    assert errors[5]["specialties"] == ["Unknown specialties: underwater."]
    assert "confirm_form" not in response.context
    page = response.content.decode()
    assert "Rejected rows" in page
    assert "Rows without errors" in page
    assert "hanako@example.org" in page  # the valid first row, previewed beside the rejected ones
    assert not Expert.objects.exists()
    assert not stored_uploads(), "the refused file was kept for a confirmation that cannot come"


def test_a_clean_import_is_previewed_then_written_on_confirmation(staff_client, vocabulary):
    [existing] = make_experts(1, vocabulary)
    content = "\n".join(
        [
            HEADER,
            ",佐藤,花子,さとう,はなこ,Sato,Hanako,奈良大学,,,,archaeology,kh;VN,en,,,hanako@example.org,,members",
            f"{existing.pk},山田,太郎0,,,Yamada,Taro0,Nara University,,,,archaeology,KH;VN,en,,,,,staff",
        ]
    )
    preview = import_preview(staff_client, reverse("admin:experts_expert_import"), content)
    result = preview.context["result"]
    assert [row.import_type for row in result.valid_rows()] == ["new", "update"]
    assert Expert.objects.count() == 1

    assert len(stored_uploads()) == 1
    confirm = preview.context["confirm_form"]
    response = staff_client.post(reverse("admin:experts_expert_process_import"), confirm.initial)
    assert response.status_code == 302
    assert not stored_uploads()
    hanako = Expert.objects.get(family_name_en="Sato")
    assert sorted(hanako.countries.values_list("code", flat=True)) == ["KH", "VN"]
    assert hanako.organization == vocabulary["organization"]
    existing.refresh_from_db()
    assert existing.visibility == "staff"
    latest = existing.history.latest()
    assert latest.history_user is not None
    assert latest.history_change_reason == "Imported from import.csv"


def test_export_runs_a_fixed_number_of_queries(staff_client, vocabulary):
    make_experts(2, vocabulary)
    url = reverse("admin:experts_expert_export")
    export(staff_client, url, 0, ExpertResource)
    with CaptureQueriesContext(connection) as few:
        export(staff_client, url, 0, ExpertResource)
    make_experts(20, vocabulary)
    with CaptureQueriesContext(connection) as many:
        response = export(staff_client, url, 0, ExpertResource)
    assert len(many) == len(few)
    assert len(response.content.decode("utf-8-sig").splitlines()) == 23


def test_an_exported_file_imports_back_as_unchanged_rows(staff_client, vocabulary):
    make_experts(3, vocabulary)
    assert_export_imports_back_unchanged(staff_client, "experts_expert", ExpertResource, rows=3)


def test_the_export_form_names_each_column_in_words_and_by_its_header(staff_client):
    page = staff_client.get(reverse("admin:experts_expert_export")).content.decode()
    assert "Family name (kana) – family_name_kana" in page
    assert "Countries of field experience – countries" in page


def test_export_has_the_resource_columns_in_csv_and_xlsx(staff_client, vocabulary):
    make_experts(2, vocabulary)
    assert_export_columns(
        staff_client, "experts_expert", ExpertResource, HEADER, "Nara University,,,,archaeology,KH;VN,en,"
    )


def test_non_staff_are_sent_to_the_admin_login(client, member):
    assert_members_are_sent_to_the_admin_login(client, member, "experts_expert")
