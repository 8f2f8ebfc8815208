"""Saving and editing saved searches with hostile values: never a server error; refused, or saved as checked."""

from urllib.parse import quote

from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search import saved
from search.models import SavedSearch
from tests.hostile.strategies import encoded_value

HOSTILE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

VALID = {"kind": "experts", "search": "q=Yamada&country=AF", "name": "Yamadas", "alerts": "weekly"}


def bodies(valid):
    """Form bodies where each field is left out, valid, or one or two hostile values."""
    field = {
        name: st.one_of(st.just([]), st.just([quote(value, safe="")]), st.lists(encoded_value, min_size=1, max_size=2))
        for name, value in valid.items()
    }
    return st.fixed_dictionaries(field).map(
        lambda fields: "&".join(f"{name}={value}" for name, values in fields.items() for value in values)
    )


def test_saving_answers_hostile_input_without_error(member_client, member, records):
    @HOSTILE
    @given(body=bodies(VALID))
    def check(body):
        cache.clear()
        SavedSearch.objects.all().delete()
        response = member_client.post(
            reverse("saved_searches:save"), body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 302, body[:300]
        for saved_search in SavedSearch.objects.all():
            # Whatever was saved is a search the page reads as it is: checking it again changes nothing.
            query = saved.query_dict(saved_search.params).urlencode()
            assert saved.checked_params(saved_search.kind, query) == saved_search.params, body[:300]

    check()


def test_editing_answers_hostile_input_without_error(member_client, member, records):
    saved_search = saved.create(member, "experts", {"q": ["Yamada"]}, name="Yamadas")
    url = reverse("saved_searches:edit", args=[saved_search.pk])

    @HOSTILE
    @given(body=bodies({"name": "Renamed", "alerts": "monthly"}))
    def check(body):
        response = member_client.post(url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 302), body[:300]
        saved_search.refresh_from_db()
        if response.status_code == 200:
            assert response.context["form"].errors, body[:300]
        assert saved_search.alerts in ("none", "weekly", "monthly")
        assert (saved_search.next_alert_at is None) == (saved_search.alerts == "none")

    check()
