"""Registrations arriving at the same moment never take more places than there are."""

import threading

import pytest
from django.db import connection

from events import registrations
from events.models import Registration
from tests.events.conftest import make_event

PEOPLE = 8
CAPACITY = 3


# A real transaction per thread; serialized_rollback puts back the reference data that the
# migrations loaded, which flushing after the test would otherwise leave empty for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_registrations_fill_exactly_the_capacity():
    event = make_event(capacity=CAPACITY)
    start = threading.Barrier(PEOPLE)
    errors = []

    def register(number):
        try:
            start.wait()
            registrations.register(
                event, base_url="https://portal.example.org", email=f"p{number}@example.org", name=f"P{number}"
            )
        except Exception as error:  # Any failure is reported by the assertion below.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(number,)) for number in range(PEOPLE)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert event.registrations.filter(status=Registration.Status.CONFIRMED).count() == CAPACITY
    assert event.registrations.filter(status=Registration.Status.WAITLISTED).count() == PEOPLE - CAPACITY
