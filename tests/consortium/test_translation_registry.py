"""The registry of bilingual models (``consortium.bilingual.TRANSLATED``): every model with texts in both
languages is in it, and each record knows which of its texts exist in which language, in Python and in SQL alike."""

import pytest
from django.apps import apps
from simple_history.models import HistoricalChanges

from consortium.bilingual import (
    NOT_TRANSLATED,
    TRANSLATED,
    missing_translations,
    paired_fields,
    with_missing_translations,
)
from consortium.translation_queue import admin_model
from events.models import Event, Registration, Speaker
from experts.models import Expert
from tests.events.conftest import make_event


def bilingual_models():
    """Every model with paired texts, but the copies the change history keeps of them."""
    return [model for model in apps.get_models() if not issubclass(model, HistoricalChanges) and paired_fields(model)]


def test_every_model_with_texts_in_both_languages_is_registered():
    missing = [
        model._meta.label
        for model in bilingual_models()
        if model not in TRANSLATED and model._meta.label not in NOT_TRANSLATED
    ]
    assert missing == [], f"Add these models to TRANSLATED in consortium/bilingual.py: {missing}"


def test_the_walk_finds_the_models_the_portal_is_known_to_have():
    found = {model._meta.label for model in bilingual_models()}
    assert {"experts.Expert", "events.Speaker", "reports.Report", "consortium.CountryProfile"} <= found


def test_the_models_left_out_of_the_queue_exist_and_are_not_registered_too():
    found = {model._meta.label for model in bilingual_models()}
    assert found >= NOT_TRANSLATED
    assert not any(TRANSLATED.get(label.lower()) for label in NOT_TRANSLATED)


def test_a_model_without_pairs_is_not_bilingual():
    class Fields:
        class _meta:
            concrete_fields = [type("F", (), {"name": name}) for name in ("title_ja", "name_en", "summary_ja")]

    assert paired_fields(Fields) == ()


def test_the_registry_names_only_models_with_texts_in_both_languages():
    assert [entry.label for entry in TRANSLATED if not entry.fields] == []


def test_the_pairs_come_from_the_fields_in_the_models_order():
    assert TRANSLATED.of(Expert).fields == ("position", "biography")
    assert TRANSLATED.of(Speaker).fields == ("name", "affiliation", "role")


def test_each_kind_has_an_admin_page_to_link_to():
    assert [entry.label for entry in TRANSLATED if admin_model(entry) is None] == []


def test_each_parent_is_registered_too():
    assert [entry.label for entry in TRANSLATED if entry.parent and entry.parent_model not in TRANSLATED] == []


def test_a_record_knows_which_texts_lack_a_language():
    expert = Expert(family_name_en="Doe", position_en="Conservator", biography_ja="経歴", biography_en="")
    assert missing_translations(expert) == ["position_ja", "biography_en"]


def test_a_text_that_no_language_has_is_not_missing():
    expert = Expert(family_name_en="Doe", position_ja="", position_en="", biography_ja="経歴", biography_en="Career")
    assert missing_translations(expert) == []


def test_a_model_without_texts_in_both_languages_has_no_entry():
    assert Registration not in TRANSLATED
    with pytest.raises(KeyError):
        TRANSLATED.of(Registration)


# Texts made of white space are none: the public pages (``localized``) fall back from them, so the queue must
# list them. Each: (position_ja, position_en, biography_ja, biography_en) and what is missing.
CASES = [
    (("教授", "Professor", "経歴", "Career"), []),
    (("教授", "", "", "Career"), ["position_en", "biography_ja"]),
    (("\u3000", "Professor", "経歴", " \n\t"), ["position_ja", "biography_en"]),
    (("\u00a0", "\u2003", "経歴", "\u3000Career"), []),
    (("", "", "", ""), []),
]


@pytest.mark.django_db
def test_the_database_and_python_agree_on_what_is_missing():
    experts = [
        Expert.objects.create(
            family_name_en=f"Case{n}",
            position_ja=texts[0],
            position_en=texts[1],
            biography_ja=texts[2],
            biography_en=texts[3],
        )
        for n, (texts, _missing) in enumerate(CASES)
    ]
    in_sql = dict(with_missing_translations(Expert.objects.all()).values_list("pk", "missing_translations"))
    assert [in_sql[expert.pk] for expert in experts] == [missing for _texts, missing in CASES]
    assert [missing_translations(expert) for expert in experts] == [missing for _texts, missing in CASES]
    lacking = Expert.objects.filter(TRANSLATED.of(Expert).lacking()).values_list("pk", flat=True)
    assert set(lacking) == {experts[1].pk, experts[2].pk}


@pytest.mark.django_db
def test_lacking_narrows_to_a_field_and_a_language():
    both = Expert.objects.create(family_name_en="Both", position_ja="教授", biography_en="Career")
    entry = TRANSLATED.of(Expert)
    assert list(Expert.objects.filter(entry.lacking("position", "en")).values_list("pk", flat=True)) == [both.pk]
    assert list(Expert.objects.filter(entry.lacking("position", "ja"))) == []
    assert list(Expert.objects.filter(entry.lacking(language="ja")).values_list("pk", flat=True)) == [both.pk]


@pytest.mark.django_db
def test_a_child_record_is_registered_on_its_own():
    event = make_event(title_ja="研究会", title_en="Seminar", status=Event.Status.DRAFT)
    speaker = Speaker.objects.create(event=event, name_ja="山田", name_en="Yamada", role_ja="講演")
    assert missing_translations(speaker) == ["role_en"]
