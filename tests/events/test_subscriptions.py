"""Subscribing to news and events: from an account at once, from the public with a confirmed address."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from consortium.models import Country
from events.models import Subscriber, Subscription
from events.subscriptions import CONFIRMATIONS_PER_ADDRESS, drop_expired
from tests.conftest import make_user
from tests.events.subscription_helpers import link_path, public_subscriber

pytestmark = pytest.mark.django_db

INDEX = "/en/subscriptions/"


def public_request(client, email="ana@example.org", **choice):
    data = {"email": email, "language": "en", **(choice or {"country": "KH"})}
    return client.post(INDEX, data)


# Members: their account's address, at once ---------------------------------------------------------------


def test_a_member_subscribes_from_their_account_at_once_without_an_email(client, member):
    client.force_login(member)
    response = client.post(INDEX, {"country": "KH", "kind": "symposium"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert subscription.subscriber.user == member
    assert subscription.country_id == "KH" and subscription.event_kind == "symposium"
    assert subscription.is_confirmed
    assert subscription.subscriber.digested_until is not None
    assert mail.outbox == []
    page = client.get(INDEX).content.decode()
    assert "Cambodia" in page
    assert f"/en/subscriptions/calendar/{subscription.feed_key}.ics" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose at least one: a region, a country, a committee, a topic or a kind of event."),
        ({"country": "KH", "committee": "europe"}, "Choose one place only: a region, a country or a committee."),
        ({"country": "XX"}, "Select a valid choice."),
        ({"kind": "party"}, "Select a valid choice."),
    ],
)
def test_a_members_bad_choice_is_explained_and_nothing_is_saved(client, member, data, message):
    client.force_login(member)
    response = client.post(INDEX, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert not Subscription.objects.exists()


def test_the_same_subscription_twice_is_refused(client, member):
    client.force_login(member)
    client.post(INDEX, {"topic": "conservation-science"})
    response = client.post(INDEX, {"topic": "conservation-science"})
    assert "You already have this subscription." in response.content.decode()
    assert Subscription.objects.count() == 1


def test_a_member_removes_their_own_subscription_and_no_one_elses(client, member, applicant):
    theirs = public_subscriber("other@example.org", country=Country.objects.get(code="KH"))
    client.force_login(member)
    client.post(INDEX, {"country": "PE"})
    own = Subscription.objects.get(subscriber__user=member)
    other = theirs.subscriptions.get()
    assert client.post(reverse("subscriptions:remove", args=[other.pk])).status_code == 404
    assert client.post(reverse("subscriptions:remove", args=[own.pk])).status_code == 302
    assert list(Subscription.objects.all()) == [other]


def test_an_account_takes_over_the_public_subscriptions_of_its_address(client):
    user = make_user("ana@example.org", status="active")
    earlier = public_subscriber("ANA@example.org", country=Country.objects.get(code="KH"))
    client.force_login(user)
    client.post(INDEX, {"country": "PE"})
    subscriber = Subscriber.objects.get()
    assert subscriber.pk == earlier.pk and subscriber.user == user and subscriber.email == ""
    assert subscriber.subscriptions.confirmed().count() == 2


# The public: a confirmed address ---------------------------------------------------------------------------


def test_the_public_confirm_their_address_before_anything_is_sent(client):
    response = public_request(client, country="KH", topic="conservation-science")
    assert response.status_code == 200
    assert "We have sent a message to ana@example.org" in response.content.decode()
    subscription = Subscription.objects.get()
    assert not subscription.is_confirmed and len(subscription.token_hash) == 64
    (message,) = mail.outbox
    assert message.to == ["ana@example.org"]
    assert "Cambodia · Conservation science" in message.body
    path = link_path(message, "confirm")
    # Opening the link (as a mail scanner does) changes nothing; the button confirms.
    assert client.get(path).status_code == 200
    assert not Subscription.objects.get().is_confirmed
    response = client.post(path.replace("/en/", "/ja/"))
    subscription = Subscription.objects.get()
    assert subscription.is_confirmed and subscription.token_hash == ""
    assert subscription.subscriber.language == "ja"  # the language of the page confirmed on
    assert response.status_code == 302 and "/subscriptions/manage/" in response.url
    assert client.post(path).status_code == 400  # the link works once


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"email": "not an address", "language": "en", "country": "KH"}, "Enter a valid email address."),
        ({"email": "ana@example.org", "language": "en"}, "Choose at least one"),
        ({"email": "ana@example.org", "language": "fr", "country": "KH"}, "Select a valid choice."),
        ({"language": "en", "country": "KH"}, "This field is required."),
    ],
)
def test_bad_public_input_is_explained_and_nothing_is_saved_or_sent(client, data, message):
    response = client.post(INDEX, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscriber.objects.exists()
    assert mail.outbox == []


def test_requests_for_one_address_are_limited_per_hour(client):
    for number in range(CONFIRMATIONS_PER_ADDRESS):
        assert (
            public_request(client, country="KH", topic=["archaeology", "history", "law-policy"][number]).status_code
            == 200
        )
    response = public_request(client, country="PE")
    assert response.status_code == 429
    assert "Too many subscription requests" in response.content.decode()
    assert len(mail.outbox) == CONFIRMATIONS_PER_ADDRESS
    assert Subscription.objects.count() == CONFIRMATIONS_PER_ADDRESS


def test_an_address_that_has_the_subscription_is_told_so_and_the_page_says_the_same(client):
    public_subscriber("ana@example.org", country=Country.objects.get(code="KH"))
    response = public_request(client, country="KH")
    assert "We have sent a message to ana@example.org" in response.content.decode()
    (message,) = mail.outbox
    assert "already receives them" in message.body
    assert "/subscriptions/confirm/" not in message.body
    assert client.get(link_path(message, "manage")).status_code == 200
    assert Subscription.objects.count() == 1


def test_a_request_again_replaces_the_earlier_link(client):
    public_request(client)
    public_request(client)
    first, second = mail.outbox
    assert Subscription.objects.count() == 1
    assert client.get(link_path(first, "confirm")).status_code == 400
    assert client.get(link_path(second, "confirm")).status_code == 200


def test_unconfirmed_subscriptions_expire_with_their_address(client):
    public_request(client)
    path = link_path(mail.outbox[0], "confirm")
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=3, minutes=1))
    response = client.post(path)
    assert response.status_code == 400 and "has expired" in response.content.decode()
    assert not Subscription.objects.get().is_confirmed
    drop_expired()
    assert not Subscriber.objects.exists()


def test_the_form_links_to_the_privacy_policy(client):
    html = client.get(INDEX).content.decode()
    note = html.partition("We use your address only")[2].partition("</p>")[0]
    assert '<a href="/en/about/privacy/">' in note


def test_a_page_may_suggest_a_subscription_in_its_link(client):
    html = client.get(INDEX + "?country=KH&kind=symposium").content.decode()
    assert '<option value="KH" selected>' in html
    assert '<option value="symposium" selected>' in html


def test_news_events_and_the_members_page_link_to_the_subscriptions(client, member):
    for page in ("/en/news/", "/en/events/"):
        assert 'href="/en/subscriptions/"' in client.get(page).content.decode()
    client.force_login(member)
    assert 'href="/en/subscriptions/"' in client.get("/en/members/").content.decode()
