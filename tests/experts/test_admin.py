"""The staff admin of experts and specialties: what only it does.

Its changelist filters and searches whichever script staff type, the autocomplete of experts uses the same
search, the specialty pages, who may revert an expert, and the words of the export form. What it shares
with the admin of projects and sites is in tests/consortium/test_admin_searchable.py.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from experts.models import Expert, Specialty
from tests.admin_checks import assert_flat_queries, count_queries, sign_in_to_admin
from tests.admin_checks import change_form_data as admin_form_data
from tests.conftest import make_user
from tests.experts.records import make_experts, make_vocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture
def vocabulary():
    return make_vocabulary()


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
        "publications-TOTAL_FORMS": "0",
        "publications-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


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


def test_the_export_form_names_each_column_in_words_and_by_its_header(staff_client):
    page = staff_client.get(reverse("admin:experts_expert_export")).content.decode()
    assert "Family name (kana) – family_name_kana" in page
    assert "Countries of field experience – countries" in page
