"""The registration form's limit counts over the whole hour, whatever the cache's default lifetime."""

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.test import RequestFactory

from events.throttle import CONFIRMATIONS_PER_ADDRESS, may_send_confirmation

pytestmark = pytest.mark.django_db


@pytest.fixture
def clock(monkeypatch):
    """The time that the throttle reads, moved by the test instead of sleeping: each window is a key of its own."""

    class Clock:
        now = datetime(2026, 12, 4, 10, 0, tzinfo=UTC).timestamp()

        def advance(self, **delta):
            self.now += timedelta(**delta).total_seconds()

    clock = Clock()
    monkeypatch.setattr(time, "time", lambda: clock.now)
    return clock


def request_from(address="192.0.2.10"):
    return RequestFactory().post("/en/events/seminar/register/", REMOTE_ADDR=address)


def test_three_an_hour_are_counted_for_the_whole_hour(clock):
    assert all(may_send_confirmation(request_from(), "ana@example.org") for _ in range(CONFIRMATIONS_PER_ADDRESS))
    assert not may_send_confirmation(request_from(), "ana@example.org")
    for minutes in (6, 20, 30):  # well past the cache's default lifetime of five minutes
        clock.advance(minutes=minutes)
        assert not may_send_confirmation(request_from(), "ANA@example.org")


def test_the_next_hour_brings_three_more(clock):
    clock.advance(minutes=59)
    for _ in range(CONFIRMATIONS_PER_ADDRESS):
        may_send_confirmation(request_from(), "ana@example.org")
    assert not may_send_confirmation(request_from(), "ana@example.org")
    clock.advance(minutes=1)
    assert may_send_confirmation(request_from(), "ana@example.org")


def test_refusals_do_not_extend_the_wait(clock):
    for _ in range(CONFIRMATIONS_PER_ADDRESS + 5):
        may_send_confirmation(request_from(), "ana@example.org")
        clock.advance(minutes=5)
    clock.advance(minutes=20)
    assert may_send_confirmation(request_from(), "ana@example.org")


def test_processes_counting_at_once_cannot_take_a_use_twice(clock):
    """Many requests at the same moment, each on its own connection: the counter is one atomic increment."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda _: may_send_confirmation(request_from(), "ana@example.org"), range(12)))
    assert sorted(answers) == [False] * (12 - CONFIRMATIONS_PER_ADDRESS) + [True] * CONFIRMATIONS_PER_ADDRESS


def test_other_addresses_keep_their_own_share(clock):
    for _ in range(CONFIRMATIONS_PER_ADDRESS):
        may_send_confirmation(request_from(), "ana@example.org")
    assert may_send_confirmation(request_from(), "bo@example.org")
