"""The facets of the list pages: their counts, how they combine with the search, their order and their estimates."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from experts.filters import ExpertFilterSet
from tests.search.pages import LIST_PAGES


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
