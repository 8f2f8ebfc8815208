"""Saved searches: saving a list page's search, listing, editing and deleting them on the member's page."""

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from experts.models import Expert
from members.models import Membership
from search import saved
from search.models import SavedSearch
from tests.conftest import make_user
from tests.search.pages import grow


def save(client, kind="experts", search="", **fields):
    return client.post(reverse("saved_searches:save"), {"kind": kind, "search": search, "alerts": "none", **fields})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.parametrize("url_name", ["experts:list", "projects:list", "heritage:list"])
def test_each_list_page_offers_to_save_its_search(member_client, records, url_name):
    response = member_client.get(reverse(url_name) + "?q=Bamiyan&page=2")
    form = response.context["save_search_form"]
    assert form.initial["search"] == "q=Bamiyan"
    html = response.content.decode()
    assert f'action="{reverse("saved_searches:save")}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_a_member_saves_a_search_normalised_with_a_readable_name(member_client, member, records):
    search = "country=AF&page=3&q=+%E5%B1%B1%E7%94%B0+&specialty=archaeology&utm_source=mail&specialty=archaeology"
    response = save(member_client, search=search, alerts="weekly")
    saved_search = SavedSearch.objects.get(user=member)
    # The page number and what the filter set does not know are dropped; values are cleaned and sorted.
    assert saved_search.params == {"q": ["山田"], "specialty": ["archaeology"], "country": ["AF"]}
    assert saved_search.kind == "experts"
    assert saved_search.name == "キーワード：山田／専門分野：考古学／現地経験のある国：アフガニスタン"
    assert saved_search.next_alert_at is not None
    # What it matches now is what the member has seen: the staff-only record is not among it.
    assert saved_search.seen_ids == [records.yamada.pk]
    assert response.status_code == 302
    # Back to the list page, which runs the search as it was posted.
    path, _question, query = response.url.partition("?")
    assert path == reverse("experts:list")
    assert QueryDict(query) == QueryDict(search)
    assert any(f"「{saved_search.name}」として保存しました" in message for message in messages_of(response))


def test_a_search_of_everything_is_named_so(member_client, member, records):
    save(member_client, kind="sites")
    assert SavedSearch.objects.get(user=member).name == "すべての文化遺産"


def test_the_member_may_name_the_search(member_client, member, records):
    save(member_client, kind="projects", search="kind=conservation&fy_from=2000", name="  Bamiyan work  ")
    saved_search = SavedSearch.objects.get(user=member)
    assert saved_search.name == "Bamiyan work"
    assert saved_search.params == {"kind": ["conservation"], "fy_from": ["2000"]}
    assert saved_search.next_alert_at is None


@pytest.mark.parametrize(
    ("kind", "search", "reason"),
    [
        ("experts", "country=ZZ", "“ZZ”"),
        ("projects", "fy_from=99999", "年度"),
        ("projects", "fy_from=2020&fy_to=2010", "開始年度より前の年度です"),
        ("heritage", "q=Bamiyan", "heritage"),
        ("sites", "sort=nonsense", "並べ替え"),
        ("sites", "q=" + "a" * 201, "200"),
        ("experts", "q=xx&" * 500, "2,000"),
    ],
)
def test_a_search_that_does_not_validate_is_refused_with_its_reason(
    member_client, member, records, kind, search, reason
):
    response = save(member_client, kind=kind, search=search)
    assert not SavedSearch.objects.exists()
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("この検索は保存されませんでした。")
    assert reason in message


def test_a_search_is_saved_once(member_client, member, records):
    save(member_client, search="q=Yamada")
    response = save(member_client, search="q=Yamada&page=2", name="Again")
    assert SavedSearch.objects.filter(user=member).count() == 1
    assert "すでに保存しています" in messages_of(response)[-1]


def test_the_same_search_saved_at_once_twice_is_kept_once(member, records):
    saved.create(member, "experts", {"q": ["Yamada"]})
    with pytest.raises(saved.AlreadySaved):
        saved.create(member, "experts", {"q": ["Yamada"]}, name="A second click")
    assert SavedSearch.objects.filter(user=member).count() == 1


def test_a_member_keeps_at_most_the_limit(member_client, member, records, monkeypatch):
    monkeypatch.setattr(saved, "MAX_SAVED_SEARCHES", 2)
    save(member_client, search="q=one")
    save(member_client, search="q=two")
    response = save(member_client, search="q=three")
    assert SavedSearch.objects.filter(user=member).count() == 2
    assert "削除してください" in messages_of(response)[-1]


@pytest.mark.parametrize("who", ["anonymous", "applicant", "suspended_member"])
def test_only_those_who_may_use_the_database_save(request, client, records, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = save(client, search="q=Yamada")
    assert response.status_code == (302 if who == "anonymous" else 403)
    assert not SavedSearch.objects.exists()


def test_saving_takes_a_csrf_token(member, records):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert save(client, search="q=Yamada").status_code == 403
    assert not SavedSearch.objects.exists()


# The member's page -------------------------------------------------------------------------------


def test_the_members_page_lists_the_searches_with_what_is_new(member_client, member, records):
    save(member_client, search="specialty=archaeology", name="Archaeologists", alerts="monthly")
    newcomer = Expert.objects.create(family_name_en="Newcomer", given_name_en="Ann")
    newcomer.specialties.set(records.yamada.specialties.all())
    with_hidden = Expert.objects.create(family_name_en="Hidden", visibility="staff")
    with_hidden.specialties.set(records.yamada.specialties.all())
    with translation.override("en"):
        response = member_client.get(reverse("members:home"))
    [listed] = response.context["saved_searches"].searches
    assert listed.name == "Archaeologists"
    assert listed.new_count == 1  # the newcomer; never the staff-only record
    html = response.content.decode()
    assert "Archaeologists" in html
    assert "/en/experts/?specialty=archaeology" in html
    assert "Monthly" in html
    assert f"/en/members/searches/{listed.pk}/" in html


def test_staff_count_what_their_alerts_will_list(client, staff, records):
    client.force_login(staff)
    saved.create(staff, "experts", {"specialty": ["conservation-science"]})
    hidden = Expert.objects.create(family_name_en="Second", visibility="staff")
    hidden.specialties.set(records.oyamada.specialties.all())
    [listed] = client.get(reverse("members:home")).context["saved_searches"].searches
    # Staff see staff-only records on the pages, but an alert never e-mails them: the count agrees with the alert.
    assert listed.new_count == 0


def test_a_lapsed_member_sees_their_searches_uncounted_and_may_delete_them(client, suspended_member, records):
    saved_search = saved.create(suspended_member, "experts", {"q": ["Yamada"]})
    client.force_login(suspended_member)
    response = client.get(reverse("members:home"))
    assert response.context["saved_searches"].searches[0].new_count is None
    assert "会員資格が有効でない間" in response.content.decode()
    client.post(reverse("saved_searches:delete", args=[saved_search.pk]))
    assert not SavedSearch.objects.exists()


def test_the_members_page_queries_stay_flat_as_records_and_searches_grow(member_client, member, records):
    saved.create(member, "experts", {"q": ["山田"], "country": ["AF"]})
    saved.create(member, "projects", {"q": ["Bamiyan"], "funder": ["jica"]})
    with CaptureQueriesContext(connection) as few:
        member_client.get(reverse("members:home"))
    grow(records, 10)
    saved.create(member, "sites", {"q": ["Bamiyan"]})
    saved.create(member, "sites", {"country": ["AF"]})
    with CaptureQueriesContext(connection) as more:
        member_client.get(reverse("members:home"))
    # The searches not in the cache are run in one statement; only the facet codes chosen are looked up.
    searches_run = [query for query in more.captured_queries if "ORDER BY found.pk DESC" in query["sql"]]
    assert len(searches_run) == 1
    assert len(more.captured_queries) <= len(few.captured_queries) + 1
    with CaptureQueriesContext(connection) as cached:
        member_client.get(reverse("members:home"))
    assert not [query for query in cached.captured_queries if "ORDER BY found.pk DESC" in query["sql"]]


# Editing and deleting ------------------------------------------------------------------------------


def test_the_member_renames_a_search_and_changes_its_alerts(member_client, member, records):
    saved_search = saved.create(member, "experts", {"q": ["Yamada"]})
    url = reverse("saved_searches:edit", args=[saved_search.pk])
    assert member_client.get(url).status_code == 200
    response = member_client.post(url, {"name": "Yamadas", "alerts": "weekly"})
    assert response.status_code == 302
    saved_search.refresh_from_db()
    assert (saved_search.name, saved_search.alerts) == ("Yamadas", "weekly")
    assert saved_search.next_alert_at == saved.period_after(saved_search.seen_at, "weekly")
    member_client.post(url, {"name": "Yamadas", "alerts": "none"})
    saved_search.refresh_from_db()
    assert (saved_search.alerts, saved_search.next_alert_at) == ("none", None)


def test_a_bad_edit_changes_nothing(member_client, member, records):
    saved_search = saved.create(member, "experts", {"q": ["Yamada"]}, name="Yamadas")
    url = reverse("saved_searches:edit", args=[saved_search.pk])
    response = member_client.post(url, {"name": " ", "alerts": "daily"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "alerts"}
    saved_search.refresh_from_db()
    assert (saved_search.name, saved_search.alerts) == ("Yamadas", "none")


def test_the_member_deletes_a_search_after_confirming(member_client, member, records):
    saved_search = saved.create(member, "experts", {"q": ["Yamada"]}, name="Yamadas")
    url = reverse("saved_searches:delete", args=[saved_search.pk])
    assert "Yamadas" in member_client.get(url).content.decode()
    assert SavedSearch.objects.exists()
    assert member_client.post(url).status_code == 302
    assert not SavedSearch.objects.exists()


def test_no_one_else_edits_or_deletes_a_search(client, member, records):
    saved_search = saved.create(member, "experts", {"q": ["Yamada"]}, name="Yamadas")
    other = make_user("other@example.org", status=Membership.Status.ACTIVE)
    client.force_login(other)
    for name in ("saved_searches:edit", "saved_searches:delete"):
        url = reverse(name, args=[saved_search.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Mine now", "alerts": "weekly"}).status_code == 404
    saved_search.refresh_from_db()
    assert (saved_search.name, saved_search.alerts) == ("Yamadas", "none")
