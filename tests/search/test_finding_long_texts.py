"""Two-character Japanese words are found anywhere in every searchable text, not only in names and titles."""

from urllib.parse import quote

import pytest
from django.db import connection
from django.urls import reverse

from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject
from reports.models import Report
from search.matching import matching
from search.query import Query


@pytest.fixture
def texts(db):
    # Each two-character word stands in the middle of a long text, never at its start.
    padding = "国際協力による文化遺産の保護について。" * 20
    return {
        "biography": Expert.objects.create(family_name="伊藤", biography_ja=padding + "壁画の修復に長く携わる。"),
        "department": Expert.objects.create(family_name="加藤", department="東洋美術学部染織研究室"),
        "position": Expert.objects.create(family_name="佐藤", position_ja="主任学芸員兼研究員"),
        "summary": CooperationProject.objects.create(
            title_en="Survey", kind="research", status="ongoing", start_year=2020, summary_ja=padding + "煉瓦の調査"
        ),
        "outcomes": CooperationProject.objects.create(
            title_en="Training", kind="research", status="ongoing", start_year=2021, outcomes_ja=padding + "漆喰の技術"
        ),
        "description": HeritageSite.objects.create(
            name_en="Old town", category="cultural", description_ja=padding + "城壁に囲まれた旧市街"
        ),
        "report": Report.objects.create(
            title_en="Annual report",
            kind="proceedings",
            access="public",
            fiscal_year=2024,
            abstract_ja=padding + "石窟の保存",
        ),  # fmt: skip
    }


@pytest.mark.parametrize(
    ("model", "key", "word"),
    [
        (Expert, "biography", "壁画"),
        (Expert, "biography", "修復"),
        (Expert, "department", "染織"),
        (Expert, "department", "学部"),
        (Expert, "position", "学芸"),
        (CooperationProject, "summary", "煉瓦"),
        (CooperationProject, "outcomes", "漆喰"),
        (HeritageSite, "description", "城壁"),
        (HeritageSite, "description", "市街"),
        (Report, "report", "石窟"),
    ],
)
def test_a_two_character_word_is_found_anywhere_in_a_long_text(texts, model, key, word):
    assert list(model.objects.filter(matching(Query.parse(word))).values_list("pk", flat=True)) == [texts[key].pk]


@pytest.mark.parametrize(
    ("url_name", "key", "word"),
    [
        ("experts:list", "biography", "壁画"),
        ("experts:list", "department", "染織"),
        ("projects:list", "summary", "煉瓦"),
        ("projects:list", "outcomes", "漆喰"),
        ("heritage:list", "description", "城壁"),
    ],
)
def test_the_list_pages_find_a_two_character_word_in_a_long_text(member_client, texts, url_name, key, word):
    response = member_client.get(reverse(url_name), {"q": word})
    assert response.status_code == 200
    assert [record.pk for record in response.context["results"]] == [texts[key].pk]


@pytest.mark.parametrize(
    ("model", "index"),
    [
        (Expert, "expert_search_bigram_idx"),
        (CooperationProject, "project_search_bigram_idx"),
        (HeritageSite, "heritage_search_bigram_idx"),
    ],
)
def test_a_two_character_word_in_a_long_text_is_answered_from_the_bigram_index(texts, model, index):
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = model.objects.filter(matching(Query.parse("修復"))).order_by().only("pk").explain()
    assert index in plan, plan


@pytest.mark.parametrize(
    "q",
    [
        pytest.param("壁" * 5000, id="very-long"),
        pytest.param("壁画\x00\x01\x1f修復", id="control-characters"),
        pytest.param("\u0301\u3099 壁画", id="lone-combining-marks"),
        pytest.param("\ufe0f\U000e0100", id="selectors-alone"),
        pytest.param("髙\U000e0100橋", id="kanji-with-selector"),
        pytest.param("\ud800壁画", id="lone-surrogate"),
        pytest.param("%_\\ 壁画", id="like-wildcards"),
    ],
)
@pytest.mark.parametrize("url_name", ["experts:list", "projects:list", "heritage:list", "database"])
def test_hostile_searches_answer(member_client, texts, url_name, q):
    # Quoted by hand: a lone surrogate reaches a server as the bytes that would encode it, not as UTF-8.
    response = member_client.get(f"{reverse(url_name)}?q={quote(q, errors='surrogatepass')}")
    assert response.status_code in (200, 400)
