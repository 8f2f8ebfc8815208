"""The orders the list pages offer: by name, year and update, and by relevance to a search."""

from itertools import product

import pytest
from django.urls import reverse
from django.utils.translation import override

from experts.filters import ExpertFilterSet
from heritage.filters import HeritageSiteFilterSet
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject
from search import sorting
from search.query import Query
from tests.search.pages import grow


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
    grow(records, 12)
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
