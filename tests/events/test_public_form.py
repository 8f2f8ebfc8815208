"""The public registration form cannot be used to send a message of one's own to any address."""

import pytest
from django.core import mail

from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db


def details(**fields):
    details = {"name": "Ana Lima", "email": "ana@example.org", "affiliation": "Museu Nacional", "language": "en"}
    return details | {"consent": "on"} | fields


def register(client, event, **fields):
    return client.post(f"/en/events/{event.slug}/register/", details(**fields))


@pytest.mark.parametrize("language, greeting", [("en", "Hello,"), ("ja", "こんにちは。")])
def test_the_confirmation_request_greets_without_the_name(client, language, greeting):
    event = make_event()
    response = client.post(f"/{language}/events/{event.slug}/register/", details(language=language))
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.body.startswith(greeting)
    assert "Ana Lima" not in message.body
    assert "Ana Lima" not in message.subject


@pytest.mark.parametrize(
    "name",
    [
        "You won! Claim at http://prize.example",
        "Claim at https:/\u200b/prize.example",
        "www.prize.example",
        "Ana Lima prize.example",
        "Ana Lima PRIZE.COM",
        "賞品はprize。example",
        "Ana Lima xn--80ak6aa92e.xn--p1ai",
        "contact ana@prize.example",
    ],
)
def test_a_name_with_a_web_address_is_refused_and_nothing_is_sent(client, name):
    response = register(client, make_event(), name=name)
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert not mail.outbox


@pytest.mark.parametrize(
    "name", ["Ana\nLima", "Ana\r\nLima", "Ana\tLima", "Ana\u2028Lima", "Ana\u202eLima", "Ana\x07"]
)
def test_a_name_with_line_breaks_or_control_characters_is_refused_and_nothing_is_sent(client, name):
    response = register(client, make_event(), name=name)
    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert not mail.outbox


def test_a_name_longer_than_100_characters_is_refused(client):
    event = make_event()
    assert register(client, event, name="A" * 101).context["form"].errors["name"]
    assert not mail.outbox
    register(client, event, name="A" * 100)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "name", ["Ana Lima", "J. R. R. Tolkien", "山田 太郎", "Zoë O'Brien-Smith", "محمد\u200cرضا", "Ana Lima Jr."]
)
def test_ordinary_names_are_accepted(client, name):
    response = register(client, make_event(), name=name)
    assert response.status_code == 200
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "language, name, message",
    [
        ("en", "See prize.example", "without web addresses"),
        ("ja", "See prize.example", "ウェブアドレス"),
        ("en", "Ana\nLima", "on one line"),
        ("ja", "Ana\nLima", "1行で"),
    ],
)
def test_the_refusal_says_why_in_the_pages_language(client, language, name, message):
    response = client.post(f"/{language}/events/{make_event().slug}/register/", details(name=name))
    assert message in response.content.decode()
