"""Hostile or broken parameters give a normal page, and the page says what it ignored."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from search.query import MAX_QUERY_LENGTH
from tests.search.pages import LIST_PAGES

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
