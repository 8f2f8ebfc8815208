"""A page that shows a text in the other language says so: one page per kind of record whose tests did not
already check it (news, outreach pages, activity reports, committees, reports and country profiles do)."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

ONLY_JAPANESE = "This entry is only available in Japanese."
ONLY_ENGLISH = "This entry is only available in English."


def page(client, name, language, **kwargs):
    with translation.override(language):
        return client.get(reverse(name, kwargs=kwargs)).content.decode()


def note_in(language, english_note):
    with translation.override(language):
        return gettext(english_note)


@pytest.fixture
def records():
    return {
        "experts:detail": Expert.objects.create(family_name_en="Doi", biography_ja="日干し煉瓦建築の調査。"),
        "projects:detail": CooperationProject.objects.create(
            title_ja="チャン・チャン遺跡の保存",
            title_en="Conservation at Chan Chan",
            summary_ja="日干し煉瓦壁の保存。",
            kind="conservation",
            status="ongoing",
            start_year=2019,
        ),
        "heritage:detail": HeritageSite.objects.create(
            name_en="Angkor", name_ja="アンコール", category="cultural", description_en="Temples of the Khmer Empire."
        ),
    }


@pytest.mark.parametrize("name", ["experts:detail", "projects:detail"])
def test_a_database_record_in_japanese_only_says_so_on_the_english_page(client, member, records, name):
    client.force_login(member)
    record = records[name]
    assert ONLY_JAPANESE in page(client, name, "en", pk=record.pk)
    assert note_in("ja", ONLY_JAPANESE) not in page(client, name, "ja", pk=record.pk)


def test_a_site_described_in_english_only_says_so_on_the_japanese_page(client, member, records):
    client.force_login(member)
    site = records["heritage:detail"]
    assert note_in("ja", ONLY_ENGLISH) in page(client, "heritage:detail", "ja", pk=site.pk)
    assert ONLY_ENGLISH not in page(client, "heritage:detail", "en", pk=site.pk)


def test_an_event_described_in_japanese_only_says_so_on_the_english_page(client):
    event = make_event(description_ja="研究会の説明です。", description_en="")
    assert ONLY_JAPANESE in page(client, "events:detail", "en", slug=event.slug)
    assert note_in("ja", ONLY_JAPANESE) not in page(client, "events:detail", "ja", slug=event.slug)


def test_a_short_text_in_the_other_language_is_marked_where_it_stands(client, member):
    """An expert's position and a speaker's affiliation and role are single lines: each says its language."""
    expert = Expert.objects.create(family_name_en="Doi", position_ja="主任研究員")
    event = make_event(description_en="A seminar.")
    event.speakers.create(name_en="Ana Lima", affiliation_ja="国立文化財機構", role_en="Keynote")
    client.force_login(member)
    english_expert = page(client, "experts:detail", "en", pk=expert.pk)
    assert '<span lang="ja">主任研究員</span> <span class="fallback-mark">(in Japanese)</span>' in english_expert
    english_event = page(client, "events:detail", "en", slug=event.slug)
    assert '国立文化財機構</span> <span class="fallback-mark">(in Japanese)</span>' in english_event
    assert "Keynote</span> <span" not in english_event
    japanese_event = page(client, "events:detail", "ja", slug=event.slug)
    assert f'Keynote</span> <span class="fallback-mark">{note_in("ja", "(in English)")}</span>' in japanese_event
    assert "国立文化財機構</span> <span" not in japanese_event
