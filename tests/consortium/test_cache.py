"""The shared cache (Redis): what it keeps for whom, and when it forgets."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortium.visibility import Visibility
from experts.models import Expert
from members.access import mark_second_factor_passed
from search import cache as search_cache
from search.analyze import analyze
from tests.admin_checks import sign_in_to_admin

SEARCH = {"q": "conservation"}


def result_ids(client):
    return {expert.pk for expert in client.get(reverse("experts:list"), SEARCH).context["results"]}


def search_keys():
    """The search results' keys, from "experts.expert" on: kind, audience, language, version, digest."""
    found = cache._cache.get_client().scan_iter(match=f"{cache.key_prefix}:*search:results:*")
    return {key.decode().partition(":search:results:")[2] for key in found}


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(staff):
    return sign_in_to_admin(Client(), staff)


def test_a_member_and_staff_searching_alike_are_answered_from_different_keys(records, member_client, staff_client):
    assert records.hidden_expert.pk in result_ids(staff_client)
    staff_keys = search_keys()
    # The member asks second, after staff filled the cache: the staff-only expert must not come with it.
    assert records.hidden_expert.pk not in result_ids(member_client)
    member_keys = search_keys() - staff_keys
    assert [key.split(":")[1] for key in staff_keys] == ["STAFF+records"]
    assert [key.split(":")[1] for key in member_keys] == ["MEMBER"]


def test_a_second_search_is_read_from_the_cache(records, member_client):
    with CaptureQueriesContext(connection) as first:
        found = result_ids(member_client)
    with CaptureQueriesContext(connection) as second:
        assert result_ids(member_client) == found
    # The statement finding the results and the one counting the facets are not made again.
    assert len(second) == len(first) - 2


def test_staff_without_the_view_permission_have_a_key_of_their_own(staff):
    mark_second_factor_passed(staff)
    assert search_cache.audience(staff, Expert) == "STAFF+records"
    staff.is_superuser = False
    assert search_cache.audience(staff, Expert) == "STAFF"


def test_an_edit_shows_in_the_next_search(records, member_client, django_capture_on_commit_callbacks):
    assert records.hidden_expert.pk not in result_ids(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        records.hidden_expert.visibility = Visibility.MEMBERS
        records.hidden_expert.save()
    assert records.hidden_expert.pk in result_ids(member_client)


def test_a_deletion_shows_in_the_next_search(records, member_client, django_capture_on_commit_callbacks):
    assert records.oyamada.pk in result_ids(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        records.oyamada.delete()
    assert records.oyamada.pk not in result_ids(member_client)


def test_rows_written_in_bulk_show_once_analysed(records, member_client, django_capture_on_commit_callbacks):
    assert records.hidden_expert.pk not in result_ids(member_client)
    with django_capture_on_commit_callbacks(execute=True):
        Expert.objects.filter(pk=records.hidden_expert.pk).update(visibility=Visibility.MEMBERS)  # no signal
        analyze(Expert)  # as every import and the demo seeder do when they are done
    assert records.hidden_expert.pk in result_ids(member_client)


def test_a_session_outlives_a_cache_flush(member_client):
    assert member_client.get(reverse("members:home")).status_code == 200
    cache.clear()
    assert member_client.get(reverse("members:home")).status_code == 200


def test_clear_deletes_only_this_caches_keys():
    redis = cache._cache.get_client()
    redis.set("someone-else:1:key", "theirs")
    try:
        cache.set("ours", "ours")
        cache.clear()
        assert cache.get("ours") is None
        assert redis.get("someone-else:1:key") == b"theirs"
    finally:
        redis.delete("someone-else:1:key")
