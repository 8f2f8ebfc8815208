"""The list pages, the unified search and the detail pages: access, facets, query counts, bad input."""

from itertools import product

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from experts.filters import ExpertFilterSet
from experts.models import Expert
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject
from search import sorting
from search.query import MAX_QUERY_LENGTH, Query

LIST_PAGES = ["experts:list", "projects:list", "heritage:list"]


def detail_urls(records):
    return [
        records.oyamada.get_absolute_url(),
        records.bamiyan_project.get_absolute_url(),
        records.bamiyan.get_absolute_url(),
    ]


def every_page(records):
    return [reverse(name) for name in LIST_PAGES] + [reverse("database") + "?q=山田"] + detail_urls(records)


# Access ----------------------------------------------------------------------


def test_every_page_follows_the_access_rule(client, any_user, records):
    if any_user is not None:
        client.force_login(any_user)
    level = "anonymous" if any_user is None else any_user.email.split("@")[0]
    for url in every_page(records):
        response = client.get(url)
        if level == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
            assert "next=" in response["Location"]
        elif level in ("applicant", "suspended"):
            assert response.status_code == 403
            assert "members/membership_required.html" in [t.name for t in response.templates]
            assert "小山田" not in response.content.decode()
            assert "Oyamada" not in response.content.decode()
        else:
            assert response.status_code == 200, url
            assert response["Cache-Control"].startswith("max-age=0")


def test_staff_only_records_are_invisible_to_members(member_client, records):
    response = member_client.get(reverse("experts:list"), {"q": "conservation"})
    pks = {expert.pk for expert in response.context["results"]}
    assert records.hidden_expert.pk not in pks
    assert records.oyamada.pk in pks
    specialty = next(facet for facet in response.context["facets"] if facet.name == "specialty")
    counts = {option.value: option.count for option in specialty.options}
    assert counts["conservation-science"] == 1  # Oyamada; Dupont's biography says "restoration", not conservation

    for url in (
        records.hidden_expert.get_absolute_url(),
        records.hidden_project.get_absolute_url(),
    ):
        assert member_client.get(url).status_code == 404

    response = member_client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 1
    assert "Confidential" not in response.content.decode()


def test_staff_see_staff_only_records(staff_client, records):
    response = staff_client.get(reverse("experts:list"), {"q": "conservation"})
    assert records.hidden_expert.pk in {expert.pk for expert in response.context["results"]}
    assert reverse("mfa_activate_totp") not in response.content.decode()
    assert staff_client.get(records.hidden_expert.get_absolute_url()).status_code == 200
    response = staff_client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 2


def test_staff_without_a_second_factor_see_what_members_see(client, staff_without_second_factor, records):
    client.force_login(staff_without_second_factor)
    response = client.get(reverse("experts:list"), {"q": "conservation"})
    assert response.status_code == 200
    assert records.hidden_expert.pk not in {expert.pk for expert in response.context["results"]}
    assert reverse("mfa_activate_totp") in response.content.decode()
    assert client.get(records.hidden_expert.get_absolute_url()).status_code == 404
    response = client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 1


# Facets ----------------------------------------------------------------------


@pytest.mark.parametrize("url_name", LIST_PAGES)
@pytest.mark.parametrize("q", ["", "Bamiyan", "山田"])
def test_each_facet_count_is_the_number_of_results_it_gives(member_client, records, url_name, q):
    response = member_client.get(reverse(url_name), {"q": q})
    checked = 0
    for facet in response.context["facets"]:
        for option in facet.options:
            narrowed = member_client.get(reverse(url_name), {"q": q, facet.name: option.value})
            assert narrowed.context["result_count"] == option.count, (facet.name, option.value)
            checked += 1
    assert checked or not response.context["result_count"]


def test_facets_combine_with_the_search(member_client, records):
    response = member_client.get(reverse("experts:list"), {"country": "AF", "language": "my"})
    assert {expert.pk for expert in response.context["results"]} == {records.oyamada.pk}
    response = member_client.get(reverse("projects:list"), {"funder": "jica", "q": "Bamiyan"})
    assert {project.pk for project in response.context["results"]} == {records.bamiyan_project.pk}
    response = member_client.get(reverse("heritage:list"), {"in_danger": "yes", "world_heritage": "yes"})
    assert {site.pk for site in response.context["results"]} == {records.bamiyan.pk}
    response = member_client.get(reverse("heritage:list"), {"world_heritage": "no"})
    assert {site.pk for site in response.context["results"]} == {records.local_site.pk}
    response = member_client.get(reverse("heritage:list"), {"inscribed_from": 1990, "inscribed_to": 2010})
    assert {site.pk for site in response.context["results"]} == {records.bamiyan.pk}
    response = member_client.get(reverse("projects:list"), {"year_from": 2015})
    assert {project.pk for project in response.context["results"]} == {records.bamiyan_project.pk}


def test_matches_are_highlighted_and_escaped(member_client, records):
    Expert.objects.create(family_name_en="<script>alert(1)</script>Yamamoto", given_name_en="Ken")
    response = member_client.get(reverse("experts:list"), {"q": "yamamoto"})
    page = response.content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<mark>Yamamoto</mark>" in page
    response = member_client.get(reverse("experts:list"), {"q": "山田"})
    assert "小<mark>山田</mark>" in response.content.decode()


def test_an_empty_result_suggests_what_to_try(member_client, records):
    with override("en"):
        url = reverse("experts:list")
    response = member_client.get(url, {"q": "Nonexistentname", "country": "DZ"})
    page = response.content.decode()
    assert response.context["result_count"] == 0
    assert "another script" in page
    assert "?q=Nonexistentname" in page  # the link that drops the country filter


# Query counts ----------------------------------------------------------------


def _grow(records, copies):
    for number in range(copies):
        expert = Expert.objects.create(family_name="山田", given_name=f"{number}", family_name_en="Yamada")
        expert.specialties.set(records.oyamada.specialties.all())
        expert.countries.set(records.oyamada.countries.all())
        project = CooperationProject.objects.create(
            title_en=f"Bamiyan survey {number}", kind="research", start_year=2020
        )
        project.countries.set(records.bamiyan_project.countries.all())
        project.funders.set(records.bamiyan_project.funders.all())
        site = HeritageSite.objects.create(name_en=f"Bamiyan cave {number}", category="cultural")
        site.countries.set(records.bamiyan.countries.all())


@pytest.mark.parametrize(
    "url",
    [
        reverse("experts:list") + "?q=山田&country=AF",
        reverse("experts:list") + "?sort=updated",
        reverse("projects:list") + "?q=Bamiyan&funder=jica",
        reverse("heritage:list") + "?q=Bamiyan&in_danger=no",
        reverse("database") + "?q=Bamiyan",
    ],
)
def test_query_count_stays_flat_as_results_grow(member_client, records, django_assert_num_queries, url):
    _grow(records, 3)
    with CaptureQueriesContext(connection) as few:
        assert member_client.get(url).status_code == 200
    _grow(records, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = member_client.get(url)
    assert response.status_code == 200


def test_detail_query_counts_stay_flat(member_client, records, django_assert_num_queries):
    urls = detail_urls(records)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            member_client.get(url)
        counts.append(len(queries.captured_queries))
    _grow(records, 10)
    for number in range(10):
        records.bamiyan_project.experts.add(Expert.objects.create(family_name_en=f"Helper{number}"))
        records.oyamada.participations.create(
            project=CooperationProject.objects.create(title_en=f"Extra {number}", kind="research", start_year=2021)
        )
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            member_client.get(url)


# Bad input -------------------------------------------------------------------

HOSTILE = [
    {"country": "ZZ"},
    {"specialty": ["archaeology", "no-such-thing"]},
    {"page": "999"},
    {"page": "-1"},
    {"page": "abc"},
    {"sort": "'; DROP TABLE experts_expert; --"},
    {"q": "x" * 5000},
    {"q": "\x00null"},
    {"q": "' OR 1=1 --"},
    {"q": "<script>alert(1)</script>"},
    {"q": '"unclosed quote'},
    {"q": "a & b | !c <-> (d"},
    {"q": "yamada OR -taro AND NOT"},
    {"q": "% _ \\"},
    {"q": "-"},
    {"year_from": "1e99", "inscribed_from": "abc", "inscribed_to": "99999999999999999999"},
    {"in_danger": ["maybe", "yes"]},
    {"kind": "x" * 300},
    {"country": ["AF"] * 50},
]


@pytest.mark.parametrize("url_name", LIST_PAGES + ["database"])
def test_hostile_parameters_give_a_normal_page(member_client, records, url_name):
    for params in HOSTILE:
        response = member_client.get(reverse(url_name), params)
        assert response.status_code == 200, params
        assert "<script>alert(1)</script>" not in response.content.decode(), params


@pytest.mark.parametrize("url_name", LIST_PAGES + ["database"])
def test_broken_utf8_gives_a_normal_page(member_client, records, url_name):
    response = member_client.get(reverse(url_name) + "?q=%E3%81%28%FF&country=%C3")
    assert response.status_code == 200


def test_what_was_ignored_is_said(member_client, records):
    with override("en"):
        experts, sites = reverse("experts:list"), reverse("heritage:list")
    response = member_client.get(experts, {"q": "y" * 5000, "specialty": "no-such-thing", "page": "999"})
    ignored = " ".join(response.context["ignored"])
    assert f"first {MAX_QUERY_LENGTH} characters" in ignored
    assert "no-such-thing" in ignored
    assert "no page 999" in ignored
    response = member_client.get(sites, {"inscribed_from": "abc"})
    assert "Inscribed from" in " ".join(response.context["ignored"])
    assert response.context["result_count"] == 3


# Detail pages ----------------------------------------------------------------


def test_an_expert_page_connects_projects_countries_and_contact(member_client, records):
    records.yamada.email = "yamada@example.org"
    records.yamada.save()
    response = member_client.get(records.yamada.get_absolute_url())
    page = response.content.decode()
    assert [p.project for p in response.context["participations"]] == [records.bamiyan_project]
    assert "Conservation of the Bamiyan Buddhas niches" in page or "バーミヤン大仏龕の保存" in page
    assert "yamada@example.org" in page
    assert "非公開の調査" not in page  # the staff-only project she advised


def test_a_project_page_connects_sites_experts_and_funders(member_client, records):
    response = member_client.get(records.bamiyan_project.get_absolute_url())
    assert list(response.context["sites"]) == [records.bamiyan]
    assert {p.expert for p in response.context["participations"]} == {records.oyamada, records.yamada}
    assert [funder.code for funder in response.context["funders"]] == ["jica"]


def test_a_site_page_says_who_has_worked_there(member_client, staff_client, records):
    response = member_client.get(records.bamiyan.get_absolute_url())
    assert list(response.context["projects"]) == [records.bamiyan_project]
    assert set(response.context["experts"]) == {records.oyamada, records.yamada}
    staff_view = staff_client.get(records.bamiyan.get_absolute_url())
    assert set(staff_view.context["experts"]) == {records.oyamada, records.yamada, records.hidden_expert}


def test_the_unified_search_groups_by_kind_and_links_to_each_list(member_client, records):
    response = member_client.get(reverse("database"), {"q": "Djemila"})
    groups = {group["key"]: group for group in response.context["groups"]}
    assert groups["experts"]["count"] == 1
    assert groups["projects"]["count"] == 1
    assert groups["sites"]["count"] == 1
    assert groups["sites"]["url"] == reverse("heritage:list") + "?q=Djemila"
    assert "<mark>" in response.content.decode()


# Sorting ---------------------------------------------------------------------


def test_results_sort_by_name_year_and_update(member_client, records):
    with override("en"):
        names = member_client.get(reverse("experts:list"), {"sort": "name"}).context["results"]
    assert [expert.family_name_en for expert in names] == ["Dupont", "Oyamada", "Yamada"]
    records.dupont.save()  # now the most recently updated
    updated = member_client.get(reverse("experts:list"), {"sort": "updated"}).context["results"]
    assert updated[0] == records.dupont
    years = member_client.get(reverse("projects:list"), {"sort": "year"}).context["results"]
    assert [project.start_year for project in years] == [2010, 2003]
    inscribed = member_client.get(reverse("heritage:list"), {"sort": "year"}).context["results"]
    assert [site.inscription_year for site in inscribed] == [2003, 1982, None]


def test_a_search_sorts_by_relevance(member_client, records):
    aside = CooperationProject.objects.create(
        title_en="A survey of Roman towns", summary_en="Also visited Djémila.", kind="research", start_year=2012
    )
    by_name = member_client.get(reverse("projects:list"), {"q": "Djemila", "sort": "name"}).context["results"]
    assert by_name == [aside, records.djemila_project]
    response = member_client.get(reverse("projects:list"), {"q": "Djemila"})
    assert response.context["sort"] == "relevance"
    assert response.context["results"] == [records.djemila_project, aside]


def test_a_search_in_japanese_script_puts_names_that_begin_with_it_first(member_client, records):
    # By name in English, Oyamada comes before Yamada; by relevance, the name that begins with 山田 does.
    with override("en"):
        by_name = member_client.get(reverse("experts:list"), {"q": "山田", "sort": "name"}).context["results"]
        response = member_client.get(reverse("experts:list"), {"q": "山田"})
    assert by_name == [records.oyamada, records.yamada]
    assert response.context["sort"] == "relevance"
    assert response.context["results"] == [records.yamada, records.oyamada]


def test_only_a_query_with_words_the_english_documents_hold_is_ranked_by_them():
    # The full-text documents are English: a query in Japanese script alone leaves them unread.
    assert not Query.parse("山田 ヤマザキ やまだ").rankable
    assert Query.parse("Yamada").rankable
    assert Query.parse("山田 Bamiyan").rankable
    assert Query.parse("ＢＡＭＩＹＡＮ").rankable


@pytest.mark.parametrize("filterset_class", [ExpertFilterSet, ProjectFilterSet, HeritageSiteFilterSet])
def test_the_page_is_in_the_order_of_the_whole_query(member, records, filterset_class):
    # The page asked for is ordered with the query that finds the results (unless ranked by full text);
    # any other slice by a query of its own. Both must agree with the whole query's order.
    _grow(records, 12)
    model = filterset_class._meta.model
    taken = 0
    cases = product(("ja", "en"), ("", "山田", "Bamiyan", "バーミヤン"), filterset_class.SORTS, ((0, 30), (10, 15)))
    for language, q, sort, (offset, length) in cases:
        case = (language, q, sort, offset)
        with override(language):
            filterset = filterset_class({"q": q, "sort": sort}, queryset=model.objects.visible_to(member))
            filterset.page_window = (offset, length)
            whole = list(filterset.qs.values_list("pk", flat=True)[offset : offset + length])
            assert [obj.pk for obj in filterset.page_qs[offset : offset + length]] == whole, case
            assert [obj.pk for obj in filterset.page_qs[offset + 1 : offset + 4]] == whole[1:4], case
            if filterset._found[1] is not None:
                assert filterset._found[1] == whole, case
                taken += 1
    assert taken


def test_relevance_without_a_search_falls_back_to_name(member_client, records):
    response = member_client.get(reverse("experts:list"), {"sort": "relevance"})
    assert response.context["sort"] == "name"
    assert '<option value="name" selected>' in response.content.decode()


def test_too_many_results_to_rank_are_sorted_by_name_with_a_note(member_client, records, monkeypatch):
    monkeypatch.setattr(sorting, "RANK_LIMIT", 1)
    with override("en"):
        response = member_client.get(reverse("experts:list"), {"q": "Yamada"})
    assert response.context["result_count"] == 2
    assert response.context["sort"] == "name"
    assert any("too many to sort by relevance" in note for note in response.context["ignored"])
    names = [expert.family_name_en for expert in response.context["results"]]
    assert len(names) == 2
    assert names == sorted(names)


def test_each_result_lists_its_specialties_and_countries_in_the_page_language(member_client, records):
    for language, expected in (("ja", ["考古学", "アフガニスタン"]), ("en", ["Archaeology", "Afghanistan"])):
        response = member_client.get(f"/{language}/experts/", {"q": "Hanako Yamada"})
        (result,) = response.context["results"]
        assert [*result.specialty_names, *result.country_names] == expected
        for name in expected:
            assert f">{name}</li>" in response.content.decode()
    projects = member_client.get("/ja/projects/", {"q": "Djemila"})
    assert '<li class="search-hit__tag--place">アルジェリア</li>' in projects.content.decode()
    sites = member_client.get("/en/heritage/", {"q": "Djemila"})
    assert '<li class="search-hit__tag--place">Algeria</li>' in sites.content.decode()


def test_a_chosen_facet_value_comes_first(member_client, records):
    # Archaeology and conservation science each have two experts; by name, archaeology would come first.
    with override("en"):
        response = member_client.get(reverse("experts:list"), {"specialty": "conservation-science"})
    specialty = next(facet for facet in response.context["facets"] if facet.name == "specialty")
    assert [(option.value, option.selected) for option in specialty.options[:2]] == [
        ("conservation-science", True),
        ("archaeology", False),
    ]


def test_facets_over_many_results_are_estimated_from_a_sample(member_client, records, monkeypatch):
    monkeypatch.setattr(ExpertFilterSet, "facet_sample", 2)
    with override("en"):
        response = member_client.get(reverse("experts:list"))
    assert response.context["result_count"] == 3
    assert response.context["facet_sample"] == 2
    specialty = next(facet for facet in response.context["facets"] if facet.name == "specialty")
    assert specialty.estimated
    assert sum(option.count for option in specialty.options) <= 2 * 2
    assert all(option.share == round(100 * option.count / 2) for option in specialty.options)
    assert "estimated from 2 of them" in response.content.decode()


def test_a_chosen_facet_is_estimated_from_its_own_sample(member_client, records, monkeypatch):
    # The specialty facet counts over every other filter's results (the three visible experts), the
    # country facet over the results themselves (the two archaeologists).
    monkeypatch.setattr(ExpertFilterSet, "facet_sample", 2)
    with override("en"):
        response = member_client.get(reverse("experts:list"), {"specialty": "archaeology"})
    facets = {facet.name: facet for facet in response.context["facets"]}
    assert facets["specialty"].estimated
    assert sum(option.count for option in facets["specialty"].options) <= 2 * 2
    assert not facets["country"].estimated
    assert {option.value: option.count for option in facets["country"].options} == {"AF": 1, "DZ": 1}
