"""The rows a member may export per day, over every list's exports and every session: an export past the limit
is refused whole, with a message, and recorded nowhere. Staff are not limited."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.translation import override

from consortium.models import DataExport
from experts.models import Expert
from members.models import Membership
from tests.conftest import make_user


def export(client, app, params=None):
    with override("en"):
        return client.post(reverse(f"{app}:export", args=["csv"]), params or {})


def test_an_export_past_the_days_rows_is_refused_whole(member_client, member, records, settings):
    settings.EXPORT_ROWS_PER_DAY = 5
    assert export(member_client, "experts").status_code == 200  # the three experts a member sees
    refused = export(member_client, "experts", {"sort": "name"})
    assert refused.status_code == 429
    assert refused["Content-Type"].startswith("text/html")
    text = " ".join(refused.text.split())
    assert "A member may export at most 5 rows a day. You have exported 3 rows today, and this export" in text
    assert "would hold 3; 2 are left for today. Nothing was exported." in text
    assert 'href="/en/experts/?sort=name"' in refused.text
    assert list(DataExport.objects.filter(user=member).values_list("row_count", flat=True)) == [3]
    # What still fits is exported, from any list.
    assert export(member_client, "projects", {"q": "Bamiyan"}).status_code == 200
    assert sum(DataExport.objects.filter(user=member).values_list("row_count", flat=True)) == 4


def test_the_rows_are_counted_over_every_session_of_the_member(member, records, settings):
    settings.EXPORT_ROWS_PER_DAY = 4
    laptop, phone = Client(), Client()
    laptop.force_login(member)
    phone.force_login(member)
    assert export(laptop, "experts").status_code == 200
    assert export(phone, "experts").status_code == 429


def test_staff_are_not_limited(staff_client, records, settings):
    settings.EXPORT_ROWS_PER_DAY = 1
    assert export(staff_client, "experts").status_code == 200
    assert export(staff_client, "experts").status_code == 200


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_holds_when_exports_start_at_once(settings):
    """Each client posts from its own thread and database connection, as from two gunicorn workers."""
    settings.EXPORT_ROWS_PER_DAY = 5
    member = make_user("exporter@example.org", status=Membership.Status.ACTIVE)
    for number in range(3):
        Expert.objects.create(family_name_en=f"Rows{number}")
    start = threading.Barrier(4)
    answers = []

    def take():
        try:
            client = Client()
            client.force_login(member)
            start.wait()
            answers.append(export(client, "experts").status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=take) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 429, 429, 429]
    assert list(DataExport.objects.values_list("row_count", flat=True)) == [3]
