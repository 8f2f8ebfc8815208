"""Behind the reverse proxy, each visitor has their own rate limits; a forged X-Forwarded-For changes nothing."""

import pytest
from django.test import RequestFactory, override_settings

from consortium.throttle import client_address
from events.throttle import CONFIRMATIONS_PER_CLIENT
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

LOGIN_URL = "/en/accounts/login/"
PROXY = "127.0.0.1"  # every request reaches gunicorn from the proxy
behind_one_proxy = override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_CLIENT_IP_HEADER=None)
without_proxy = override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0, ALLAUTH_TRUSTED_CLIENT_IP_HEADER=None)


def forwarded(header):
    return {"REMOTE_ADDR": PROXY, "headers": {"X-Forwarded-For": header}}


def wrong_password(client, number, header):
    # A different account each time, so that only the per-address limit is spent.
    data = {"login": f"nobody{number}@example.org", "password": "wrong"}
    return client.post(LOGIN_URL, data, **forwarded(header)).status_code


def register(client, event, number, header):
    data = {
        "name": "Ana Lima",
        "email": f"ana{number}@example.org",
        "affiliation": "",
        "language": "en",
        "consent": "on",
    }
    return client.post(f"/en/events/{event.slug}/register/", data, **forwarded(header)).status_code


def address_of(header, **meta):
    return client_address(RequestFactory().get("/", headers={"X-Forwarded-For": header}, **meta))


@behind_one_proxy
def test_two_forwarded_visitors_have_separate_sign_in_limits(client):
    assert [wrong_password(client, n, "198.51.100.1") for n in range(10)] == [200] * 10
    assert wrong_password(client, 10, "198.51.100.1") == 429
    assert wrong_password(client, 11, "198.51.100.2") == 200


@behind_one_proxy
def test_two_forwarded_visitors_have_separate_registration_limits(client):
    event = make_event()
    assert {register(client, event, n, "198.51.100.1") for n in range(CONFIRMATIONS_PER_CLIENT)} == {200}
    assert register(client, event, 100, "198.51.100.1") == 429
    assert register(client, event, 101, "198.51.100.2") == 200


@behind_one_proxy
def test_a_forged_address_in_front_of_the_proxys_is_ignored(client):
    """The proxy appends the address it saw; whatever the client wrote before it is not trusted."""
    assert address_of("203.0.113.66, 198.51.100.1", REMOTE_ADDR=PROXY) == "198.51.100.1"
    for n in range(10):
        wrong_password(client, n, f"203.0.113.{n}, 198.51.100.1")
    assert wrong_password(client, 10, "203.0.113.99, 198.51.100.1") == 429
    event = make_event()
    for n in range(CONFIRMATIONS_PER_CLIENT):
        register(client, event, n, f"203.0.113.{n}, 198.51.100.1")
    assert register(client, event, 100, "203.0.113.99, 198.51.100.1") == 429


@without_proxy
def test_without_a_proxy_x_forwarded_for_is_ignored_entirely(client):
    assert address_of("198.51.100.1", REMOTE_ADDR="192.0.2.7") == "192.0.2.7"
    for n in range(10):
        wrong_password(client, n, f"198.51.100.{n}")
    assert wrong_password(client, 10, "198.51.100.99") == 429
    event = make_event()
    for n in range(CONFIRMATIONS_PER_CLIENT):
        register(client, event, n, f"198.51.100.{n}")
    assert register(client, event, 100, "198.51.100.99") == 429


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=0, ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_header_set_by_the_proxy_can_name_the_visitor_instead():
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, headers={"X-Real-IP": "198.51.100.1"})
    assert client_address(request) == "198.51.100.1"


@behind_one_proxy
def test_an_ipv6_visitor_is_limited_by_their_network_not_each_address():
    assert address_of("2001:db8:1:2::1", REMOTE_ADDR=PROXY) == address_of("2001:db8:1:2:ffff::9", REMOTE_ADDR=PROXY)
    assert address_of("2001:db8:1:2::1", REMOTE_ADDR=PROXY) != address_of("2001:db8:1:3::1", REMOTE_ADDR=PROXY)
