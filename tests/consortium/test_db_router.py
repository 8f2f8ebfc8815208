"""With DATABASE_REPLICA_URL, the searches read from the replica and everything else stays on the primary.

The replica is the test database's mirror (``TEST: {"MIRROR": "default"}``, consortium.settings_test).
"""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consortium.db_router import REPLICA, SearchReplicaRouter, search_reads
from experts.models import Expert

pytestmark = pytest.mark.django_db(databases=["default", REPLICA])


@pytest.fixture
def router(settings):
    settings.DATABASE_ROUTERS = ["consortium.db_router.SearchReplicaRouter"]


def test_reads_go_to_the_replica_only_within_search_reads(router):
    assert Expert.objects.all().db == "default"
    with search_reads():
        assert Expert.objects.all().db == REPLICA
    assert Expert.objects.all().db == "default"


def test_writes_and_migrations_stay_on_the_primary():
    assert SearchReplicaRouter().db_for_write(Expert) == "default"
    assert not SearchReplicaRouter().allow_migrate(REPLICA, "experts")
    assert SearchReplicaRouter().allow_migrate("default", "experts")


# Committed, so that the replica's own connection sees the records, as a real replica would.
@pytest.mark.django_db(transaction=True, serialized_rollback=True, databases=["default", REPLICA])
def test_a_list_page_finds_its_results_on_the_replica(router, client, member, records):
    client.force_login(member)
    with CaptureQueriesContext(connections[REPLICA]) as on_replica:
        response = client.get(reverse("experts:list"), {"q": "conservation"})
    assert records.oyamada.pk in {expert.pk for expert in response.context["results"]}
    assert any("WITH found" in query["sql"] for query in on_replica.captured_queries)
