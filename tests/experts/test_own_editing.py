"""The expert edits their own record: every field they keep, their publications and identifiers, never what
staff keep; the history records them, the search finds the new text at once, and saving confirms the record."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from consortium.models import Country, Language
from consortium.visibility import Visibility
from experts.models import Expert, Publication, Specialty
from members.models import Organization
from search import cache as search_cache
from tests.experts.own_records import form_data

pytestmark = pytest.mark.django_db

with translation.override("en"):
    # In English, so that the tests read the messages as written.
    EDIT = reverse("members:expert_edit")
IDENTIFIERS = ("orcid", "researchmap_id", "kaken_number")


def test_the_expert_edits_every_field_they_keep(member_client, member, own_expert):
    organisation = Organization.objects.create(name_ja="奈良大学", name_en="Nara University", kind="university")
    Expert.objects.create(family_name_en="Colleague", organization=organisation)  # so members see it named
    specialty = Specialty.objects.order_by("pk").first()
    changes = {
        "family_name": "佐々木",
        "given_name": "花",
        "family_name_kana": "ささき",
        "given_name_kana": "はな",
        "family_name_en": "Sasaki",
        "given_name_en": "Hana",
        "organization": organisation.pk,
        "department": "文学部",
        "position_ja": "教授",
        "position_en": "Professor",
        "specialties": [specialty.pk],
        "countries": ["KH", "VN"],
        "languages": ["en", "fr"],
        "biography_ja": "アンコール遺跡の保存に携わる。",
        "biography_en": "Works on the conservation of Angkor.",
        "email": "hana.sasaki@example.ac.jp",
        "phone": "+81 742 00 0000",
        "orcid": "https://orcid.org/0000-0002-1825-0097",
        "researchmap_id": "https://researchmap.jp/hana.sasaki",
        "kaken_number": "６０２７３５７０",
    }
    response = member_client.post(EDIT, form_data(own_expert, **changes))

    assert response.status_code == 302, response.context and response.context["form"].errors
    expert = Expert.objects.get(pk=own_expert.pk)
    texts = [field for field, value in changes.items() if isinstance(value, str) and field not in IDENTIFIERS]
    assert {field: getattr(expert, field) for field in texts} == {field: changes[field] for field in texts}
    assert (expert.orcid, expert.researchmap_id, expert.kaken_number) == (
        "0000-0002-1825-0097",
        "hana.sasaki",
        "60273570",
    )
    assert expert.organization == organisation
    assert list(expert.specialties.all()) == [specialty]
    assert set(expert.countries.values_list("code", flat=True)) == {"KH", "VN"}
    assert set(expert.languages.values_list("code", flat=True)) == {"en", "fr"}
    assert expert.name_reading == "sasaki hana"
    assert expert.confirmed_at == timezone.localdate()


def test_publications_are_added_changed_and_removed(member_client, own_expert):
    kept = Publication.objects.create(expert=own_expert, citation="Old title", year=2001, order=2)
    dropped = Publication.objects.create(expert=own_expert, citation="Withdrawn paper", order=3)
    data = form_data(
        own_expert,
        publications=[{"citation": "New book", "year": 2024, "url": "", "doi": "https://doi.org/10.1000/xyz123",
                       "order": 1}],
    )  # fmt: skip
    data["publications-0-citation"] = "Corrected title"
    data["publications-1-DELETE"] = "on"

    assert member_client.post(EDIT, data).status_code == 302

    assert list(own_expert.publications.values_list("citation", "doi")) == [
        ("New book", "10.1000/xyz123"),
        ("Corrected title", ""),
    ]
    assert not Publication.objects.filter(pk=dropped.pk).exists()
    assert kept.history.first().history_user_id == own_expert.user_id


@pytest.mark.parametrize(
    ("field", "typed", "message"),
    [
        ("orcid", "0000-0002-1825-0098", "does not match the digits before it"),
        ("orcid", "1234", "sixteen characters"),
        ("researchmap_id", "taro yamada", "3 to 20 letters"),
        ("kaken_number", "1234567", "exactly eight digits"),
        ("email", "not-an-address", "valid email"),
        ("family_name", "", "Give the family name"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_saves_nothing(member_client, own_expert, field, typed, message):
    changes = {field: typed, "position_en": "Changed"}
    if field == "family_name":
        changes["family_name_en"] = ""
    response = member_client.post(EDIT, form_data(own_expert, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    expert = Expert.objects.get(pk=own_expert.pk)
    assert (expert.position_en, expert.confirmed_at) == ("", None)
    assert expert.history.count() == 1


def test_a_bad_publication_saves_nothing_of_the_record_either(member_client, own_expert):
    data = form_data(
        own_expert, publications=[{"citation": "A paper", "year": 1200, "url": "", "doi": "not a doi", "order": 0}]
    )
    data["position_en"] = "Changed"
    response = member_client.post(EDIT, data)
    assert response.status_code == 200
    errors = response.context["publications"].errors[0]
    assert set(errors) == {"year", "doi"}
    assert Expert.objects.get(pk=own_expert.pk).position_en == ""
    assert not Publication.objects.exists()


def test_an_identifier_of_another_record_is_refused(member_client, own_expert):
    Expert.objects.create(family_name_en="Other", orcid="0000-0002-1825-0097")
    response = member_client.post(EDIT, form_data(own_expert, orcid="0000000218250097"))
    assert "Another record in the expert database has this ORCID iD" in response.content.decode()
    assert Expert.objects.get(pk=own_expert.pk).orcid == ""


def test_fields_staff_keep_cannot_be_changed_by_a_forged_post(member_client, member, own_expert):
    own_expert.staff_note = "Checked by the secretariat."
    own_expert.save()
    forged = form_data(
        own_expert,
        position_en="Professor",
        visibility=Visibility.STAFF,
        staff_note="Nothing to see",
        user="",
        confirmed_at="2000-01-01",
        confirmation_asked_at="2000-01-01T00:00:00Z",
        created_at="2000-01-01T00:00:00Z",
        name_reading="forged",
    )
    assert member_client.post(EDIT, forged).status_code == 302
    expert = Expert.objects.get(pk=own_expert.pk)
    assert expert.position_en == "Professor"
    assert (expert.visibility, expert.staff_note, expert.user) == (
        Visibility.MEMBERS,
        "Checked by the secretariat.",
        member,
    )
    assert expert.confirmed_at == timezone.localdate() and expert.confirmation_asked_at is None
    assert expert.name_reading == "suzuki hanako"


def test_the_history_records_the_expert_as_the_author_of_the_change(member_client, member, own_expert):
    member_client.post(EDIT, form_data(own_expert, position_en="Professor"))
    latest = Expert.objects.get(pk=own_expert.pk).history.filter(history_type="~").first()
    assert latest.history_user == member
    assert latest.position_en == "Professor"
    assert latest.history_change_reason == "Edited by the expert"


def found(client, q):
    return [expert.pk for expert in client.get(reverse("experts:list"), {"q": q}).context["results"]]


def test_the_search_finds_the_new_name_at_once(member_client, own_expert):
    assert found(member_client, "藤原") == []  # kept in the shared cache until something is edited
    version = search_cache.version()

    member_client.post(EDIT, form_data(own_expert, family_name="藤原", family_name_kana="ふじわら", family_name_en=""))

    assert search_cache.version() != version
    for typed in ["藤原", "ふじわら", "フジワラ", "Fujiwara"]:
        assert found(member_client, typed) == [own_expert.pk], typed
    assert found(member_client, "Suzuki") == []


def test_the_records_page_shows_identifiers_publications_and_the_confirmation(member_client, own_expert):
    Expert.objects.filter(pk=own_expert.pk).update(
        orcid="0000-0002-1825-0097", researchmap_id="hanako.suzuki", kaken_number="60273570", confirmed_at="2026-04-01"
    )
    Publication.objects.create(expert=own_expert, citation="Murals of Bamiyan", year=2019, doi="10.1000/xyz123")
    html = member_client.get(own_expert.get_absolute_url()).content.decode()
    for address in [
        "https://orcid.org/0000-0002-1825-0097",
        "https://researchmap.jp/hanako.suzuki",
        "https://nrid.nii.ac.jp/nrid/1000060273570/",
        "https://doi.org/10.1000/xyz123",
    ]:
        assert f'href="{address}"' in html
    assert "Murals of Bamiyan" in html and "2026年4月1日" in html
    assert EDIT.replace("/en/", "/ja/") in html


def test_the_edit_form_lists_choices_in_the_pages_language(member_client, own_expert):
    with_english = member_client.get(EDIT)
    countries = list(with_english.context["form"].fields["countries"].queryset[:2])
    assert countries == list(Country.objects.order_by("name_en")[:2])
    in_japanese = member_client.get(EDIT.replace("/en/", "/ja/"))
    languages = list(in_japanese.context["form"].fields["languages"].queryset[:2])
    assert languages == list(Language.objects.order_by("name_ja")[:2])
