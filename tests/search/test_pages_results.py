"""What the list pages and the unified search show of each result, and of none."""

from django.urls import reverse
from django.utils.translation import override

from experts.models import Expert


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


def test_the_unified_search_groups_by_kind_and_links_to_each_list(member_client, records):
    response = member_client.get(reverse("database"), {"q": "Djemila"})
    groups = {group["key"]: group for group in response.context["groups"]}
    assert groups["experts"]["count"] == 1
    assert groups["projects"]["count"] == 1
    assert groups["sites"]["count"] == 1
    assert groups["sites"]["url"] == reverse("heritage:list") + "?q=Djemila"
    assert "<mark>" in response.content.decode()
