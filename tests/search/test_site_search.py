"""The site search (``/<lang>/search/``): the public texts for everyone, the database for members.

Members-only events are found by everyone, as the events list announces them to everyone (only
registering is for members); drafts, scheduled articles and unpublished pages by no one, staff included.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.models import Event, PublicationStatus
from reports.models import Access
from search.site import BEST_HITS
from tests.events.conftest import make_article, make_event, make_page
from tests.reports.conftest import make_report
from tests.search.pages import grow

URL = reverse("site_search")


@pytest.fixture
def texts(db):
    """One text of each public kind in both languages, with words found nowhere else."""
    return {
        "news": make_article(
            title_ja="壁画の修復を終えました",
            title_en="Mural conservation completed",
            body_ja="バガンの寺院で壁画の修復作業を行いました。",
            body_en="The team finished the restorations of the temple murals.",
        ),
        "events": make_event(
            title_ja="煉瓦造建築の研究会",
            title_en="Seminar on brick architecture",
            description_ja="煉瓦の劣化について議論します。",
            description_en="Weathering of bricks in humid climates.",
        ),
        "pages": make_page(
            title_ja="入会のご案内",
            title_en="How to join",
            body_ja="入会を希望する団体は事務局にご連絡ください。",
            body_en="Organisations wishing to become members write to the secretariat.",
        ),
        "reports": make_report(
            access=Access.PUBLIC,
            title_ja="ミャンマー漆工芸調査報告書",
            title_en="Survey of lacquerware crafts in Myanmar",
            abstract_ja="漆器の工房を訪ねた。",
            abstract_en="Workshops of lacquer artisans were visited.",
        ),
    }


def search(client, q, language="en", **params):
    return client.get(f"/{language}/search/", {"q": q, **params})


def found(response, record):
    return record.get_absolute_url() in response.content.decode()


@pytest.mark.parametrize(
    ("kind", "japanese", "english"),
    [
        # Two-character words in the body, and English words in another form than the text's.
        ("news", "修復", "restoration"),
        ("events", "劣化", "brick"),
        ("pages", "事務局", "secretariats"),
        ("reports", "工房", "artisan"),
    ],
)
def test_each_kind_is_found_in_both_languages(client, texts, kind, japanese, english):
    for q in (japanese, english):
        for language in ("ja", "en"):
            response = search(client, q, language)
            assert response.status_code == 200
            assert found(response, texts[kind]), (q, language)
    others = [record for key, record in texts.items() if key != kind]
    assert not any(found(search(client, japanese), record) for record in others)


def test_full_width_and_katakana_forms_are_folded(client, db):
    article = make_article(title_ja="ｼﾝﾎﾟｼﾞｳﾑのお知らせ", title_en="Notice", body_en="ＵＮＥＳＣＯ meeting")
    assert found(search(client, "シンポジウム"), article)
    assert found(search(client, "unesco"), article)


def test_a_text_in_one_language_is_shown_with_a_note(client, db):
    article = make_article(title_ja="修復報告会の開催", title_en="", summary_ja="保存修復の報告", body_en="")
    response = search(client, "報告会", "en")
    body = response.content.decode()
    assert found(response, article)
    assert f'<a href="{article.get_absolute_url()}" lang="ja">修復<mark>報告会</mark>の開催</a>' in body
    assert "(in Japanese)" in body
    response = search(client, "報告会", "ja")
    assert "(in Japanese)" not in response.content.decode()


def test_what_is_not_published_is_never_found(client, staff_client, db):
    words = "未公開"
    hidden = [
        make_article(title_ja=f"{words}の記事", status=PublicationStatus.DRAFT),
        make_article(title_ja=f"{words}の予約記事", publish_at=timezone.now() + timedelta(days=2)),
        make_page(title_ja=f"{words}のページ", is_published=False),
        make_event(title_ja=f"{words}の催し", status=Event.Status.DRAFT),
    ]
    for visitor in (client, staff_client):
        response = search(visitor, words)
        assert response.status_code == 200
        assert not any(found(response, record) for record in hidden)
        assert response.context["total"] == 0


def test_members_only_and_cancelled_events_are_announced_to_everyone(client, db):
    members = make_event(title_ja="会員向け説明会", audience=Event.Audience.MEMBERS)
    cancelled = make_event(title_ja="中止の説明会", status=Event.Status.CANCELLED)
    response = search(client, "説明会")
    body = response.content.decode()
    assert found(response, members) and found(response, cancelled)
    assert "Members only" in body and "Cancelled" in body


def test_reports_follow_their_access(client, applicant, member, staff, staff_client, db):
    public = make_report(access=Access.PUBLIC, title_ja="公開の巡回報告")
    for_members = make_report(access=Access.MEMBERS, title_ja="会員の巡回報告")
    staff_only = make_report(access=Access.STAFF, title_ja="内部の巡回報告")
    seen = {}
    for name, user in (("anonymous", None), ("applicant", applicant), ("member", member)):
        client.logout()
        if user is not None:
            client.force_login(user)
        response = search(client, "巡回")
        seen[name] = {record.pk for record in (public, for_members, staff_only) if found(response, record)}
    response = search(staff_client, "巡回")
    seen["staff"] = {record.pk for record in (public, for_members, staff_only) if found(response, record)}
    assert seen == {
        "anonymous": {public.pk},
        "applicant": {public.pk},
        "member": {public.pk, for_members.pk},
        "staff": {public.pk, for_members.pk, staff_only.pk},
    }


def database_keys(response):
    return [group.key for group in response.context.get("database") or []]


def test_members_see_the_database_groups(member_client, records):
    response = search(member_client, "山田")
    assert database_keys(response) == ["experts", "projects", "sites"]
    assert found(response, records.yamada) and found(response, records.oyamada)
    assert not found(response, records.hidden_expert)
    experts = response.context["database"][0]
    assert experts.count == 2
    assert experts.more_url == reverse("experts:list") + "?q=%E5%B1%B1%E7%94%B0"


def test_staff_see_staff_only_records_in_the_database_groups(staff_client, records):
    response = search(staff_client, "Hitoku")
    assert found(response, records.hidden_expert)


@pytest.mark.parametrize("visitor", ["anonymous", "applicant", "suspended_member"])
def test_others_never_see_the_database(client, records, visitor, request):
    if visitor != "anonymous":
        client.force_login(request.getfixturevalue(visitor))
    for q in ("山田", "Bamiyan", "Hitoku"):
        response = search(client, q)
        assert response.status_code == 200
        assert database_keys(response) == []
        body = response.content.decode()
        assert "/experts/" not in body.split('id="main"')[1].split("</main>")[0]
        assert not found(response, records.yamada) and not found(response, records.bamiyan)


def test_public_answers_are_shared_and_signed_in_ones_are_not(client, applicant, member, texts):
    response = search(client, "修復")
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    for user in (applicant, member):
        client.force_login(user)
        response = search(client, "修復")
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_each_group_shows_its_best_hits_and_leads_to_the_rest(client, db):
    articles = [make_article(title_en=f"Excavation diary {number}") for number in range(BEST_HITS + 2)]
    response = search(client, "excavation")
    news = response.context["public"][0]
    assert (news.key, news.count, len(news.hits)) == ("news", len(articles), BEST_HITS)
    assert news.more_url == "/en/search/?q=excavation&kind=news"
    response = client.get(news.more_url)
    assert response.status_code == 200
    assert [group.key for group in response.context["public"]] == ["news"]
    assert all(found(response, article) for article in articles)


def test_one_kind_is_paged(client, db):
    for number in range(25):
        make_article(title_en=f"Field note {number}", publish_at=timezone.now() - timedelta(days=number + 1))
    first = search(client, "field note", kind="news")
    second = search(client, "field note", kind="news", page=2)
    assert len(first.context["public"][0].hits) == 20
    assert len(second.context["public"][0].hits) == 5
    assert 'rel="next"' in first.content.decode()


def test_the_title_that_holds_the_word_comes_first(client, db):
    in_body = make_article(title_en="Annual report", body_en="A word on lacquer.", publish_at=timezone.now())
    in_title = make_article(title_en="Lacquer in Myanmar", publish_at=timezone.now() - timedelta(days=30))
    hits = search(client, "lacquer").context["public"][0].hits
    assert [hit.url for hit in hits] == [in_title.get_absolute_url(), in_body.get_absolute_url()]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "x" * 5000},
        {"q": "\x00修復"},
        {"q": "!!! ??? ..."},
        {"q": "%"},
        {"q": "_"},
        {"q": "'; DROP TABLE events_newsarticle; --"},
        {"q": '"unclosed phrase'},
        {"q": "-修復"},
        {"q": "a b c d e f g h i j k l m n"},
        {"q": "修復", "kind": "experts"},
        {"q": "修復", "kind": "news", "page": "abc"},
        {"q": "修復", "kind": "news", "page": "99999"},
        {"q": "修復", "kind": "news", "page": "-1"},
        {"q": ["修復", "煉瓦"]},
        "q=%ED%A0%80&page=%FF",
        {"kind": "news"},
    ],
)
def test_odd_parameters_answer_a_page(client, member, texts, params):
    for visitor in (None, member):
        if visitor is not None:
            client.force_login(visitor)
        response = client.get(f"{URL}?{params}") if isinstance(params, str) else client.get(URL, params)
        assert response.status_code == 200


def test_like_wildcards_are_plain_characters(client, db):
    make_article(title_en="abc survey")
    assert search(client, "a_c").context["total"] == 0
    assert search(client, "a%c").context["total"] == 0


def test_an_over_long_search_says_it_was_shortened(client, texts):
    response = search(client, "修復 " + "x" * 300)
    assert "shortened" in response.content.decode()


def test_a_search_without_words_says_so(client, db):
    response = search(client, "!!!")
    assert "this search has neither letters nor digits" in response.content.decode()


def test_an_unknown_kind_is_noted_and_every_kind_searched(client, texts):
    response = search(client, "修復", kind="experts")
    assert [group.key for group in response.context["public"]] == ["news", "events", "pages", "reports"]
    assert response.context["database"] == []
    assert "the kind asked for is not one of them" in response.content.decode()


def test_the_header_of_every_page_has_the_search_box(client, db):
    body = client.get(reverse("home")).content.decode()
    header = body.split('<header class="site-header">')[1].split("</header>")[0]
    assert f'action="{URL}"' in header and 'role="search"' in header
    assert '<label for="site-search-q" class="visually-hidden">' in header
    assert 'name="q"' in header


def grow_texts(copies):
    for number in range(copies):
        make_article(title_ja=f"修復の記録{number}")
        make_event(title_ja=f"修復の研究会{number}")
        make_page(title_ja=f"修復について{number}")
        make_report(access=Access.PUBLIC, title_ja=f"修復報告{number}")


@pytest.mark.parametrize("q", ["修復", "restoration Bamiyan"])
@pytest.mark.parametrize("visitor", ["anonymous", "member"])
def test_query_count_stays_flat_as_results_grow(client, records, visitor, q, request, django_assert_num_queries):
    if visitor == "member":
        client.force_login(request.getfixturevalue("member"))
    grow_texts(2)
    grow(records, 2)
    with CaptureQueriesContext(connection) as few:
        assert search(client, q).status_code == 200
    grow_texts(10)
    grow(records, 10)
    with django_assert_num_queries(len(few.captured_queries)):
        assert search(client, q).status_code == 200
