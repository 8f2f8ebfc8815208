"""Runs of the digest command at the same moment still send each subscriber their digest once."""

import threading

import pytest
from django.core import mail
from django.db import connection

from consortium.models import Country
from events import digests
from events.models import DigestEntry
from tests.events.conftest import make_article
from tests.events.subscription_helpers import public_subscriber

RUNS = 4
SUBSCRIBERS = 7


# A real transaction per thread; serialized_rollback puts back the reference data that the
# migrations loaded, which flushing after the test would otherwise leave empty for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_runs_send_each_digest_once():
    cambodia = Country.objects.get(code="KH")
    for number in range(SUBSCRIBERS):
        public_subscriber(f"reader{number}@example.org", country=cambodia)
    make_article(title_en="Report from Siem Reap").countries.set([cambodia])
    start = threading.Barrier(RUNS)
    errors = []

    def run():
        try:
            start.wait()
            digests.send_digests(batch_size=2)
        except Exception as error:  # Any failure is reported by the assertion below.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"reader{number}@example.org" for number in range(SUBSCRIBERS)
    )
    assert DigestEntry.objects.count() == SUBSCRIBERS
