"""The links subscriptions carry: the manage page, one-click unsubscribe, and each subscription's calendar."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from consortium.link_secrets import digest, new_secret
from consortium.models import Country, Region
from events import subscriptions
from events.models import Event, Subscriber, Subscription
from experts.models import Specialty
from members.models import Committee
from tests.conftest import make_user
from tests.consortium.test_rendering import english_msgids, problems_in
from tests.events.conftest import make_event
from tests.events.subscription_helpers import account_subscriber, public_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def cambodia():
    return Country.objects.get(code="KH")


@pytest.fixture
def subscriber(cambodia):
    subscriber = public_subscriber("ana@example.org", country=cambodia)
    Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), event_kind="symposium")
    return subscriber


def manage_path(subscriber):
    with translation.override("en"):
        return reverse("subscriptions:manage", args=[subscriptions.manage_token(subscriber)])


def unsubscribe_path(subscriber, subscription=None):
    with translation.override("en"):
        return reverse("subscriptions:unsubscribe", args=[subscriptions.unsubscribe_token(subscriber, subscription)])


# The manage page ----------------------------------------------------------------------------------------------


def test_the_manage_page_lists_the_subscriptions_with_their_calendars(client, subscriber):
    response = client.get(manage_path(subscriber))
    html = response.content.decode()
    assert response.status_code == 200 and response["X-Robots-Tag"] == "noindex"
    assert "ana@example.org" in html and "Cambodia" in html
    for subscription in subscriber.subscriptions.all():
        assert f"/subscriptions/calendar/{subscription.feed_key}.ics" in html


def test_one_subscription_is_removed_from_the_manage_page(client, subscriber, cambodia):
    kept = subscriber.subscriptions.get(event_kind="symposium")
    removed = subscriber.subscriptions.get(country=cambodia)
    response = client.post(manage_path(subscriber), {"action": "remove", "subscription": removed.pk})
    assert response.status_code == 302
    assert list(subscriber.subscriptions.all()) == [kept]


def test_the_manage_page_removes_only_its_own_addresss_subscriptions(client, subscriber, cambodia):
    other = public_subscriber("bo@example.org", country=cambodia).subscriptions.get()
    client.post(manage_path(subscriber), {"action": "remove", "subscription": other.pk})
    assert Subscription.objects.filter(pk=other.pk).exists()


def test_the_language_of_the_emails_is_changed_and_a_bad_one_refused(client, subscriber):
    assert client.post(manage_path(subscriber), {"action": "language", "language": "fr"}).status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.language == "en"
    client.post(manage_path(subscriber), {"action": "language", "language": "ja"})
    subscriber.refresh_from_db()
    assert subscriber.language == "ja"


def test_a_public_subscriber_deletes_their_address_and_every_subscription(client, subscriber):
    path = manage_path(subscriber)
    response = client.post(path, {"action": "delete"})
    assert response.status_code == 200 and "no subscriptions left" in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()
    assert client.get(path).status_code == 400


@pytest.mark.parametrize("token", ["not-a-token", "WzEsIngiXQ:1w2:forged"])
def test_a_bad_manage_link_opens_nothing(client, subscriber, token):
    assert client.get(reverse("subscriptions:manage", args=[token])).status_code == 400


def test_renewing_the_key_revokes_the_links_sent(client, subscriber):
    path = manage_path(subscriber)
    subscriber.renew_key()
    subscriber.save()
    assert client.get(path).status_code == 400


# One-click unsubscribe --------------------------------------------------------------------------------------


def test_opening_an_unsubscribe_link_asks_and_the_button_unsubscribes(client, subscriber, cambodia):
    subscription = subscriber.subscriptions.get(country=cambodia)
    path = unsubscribe_path(subscriber, subscription)
    response = client.get(path)
    assert response.status_code == 200 and "Cambodia" in response.content.decode()
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    client.post(path)
    assert not Subscription.objects.filter(pk=subscription.pk).exists()
    assert subscriber.subscriptions.count() == 1
    response = client.get(path)  # used again: the subscription is simply gone
    assert response.status_code == 200 and "already been removed" in response.content.decode()


def test_a_mail_programs_one_click_post_stops_every_digest_without_a_session(subscriber):
    response = Client(enforce_csrf_checks=True).post(unsubscribe_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscriber.objects.exists()


def test_a_members_unsubscribe_from_all_keeps_their_subscriber_record(member, cambodia):
    subscriber = account_subscriber(member, country=cambodia)
    Client(enforce_csrf_checks=True).post(unsubscribe_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()
    assert not Subscription.objects.exists()


def test_a_bad_unsubscribe_link_changes_nothing(client, subscriber):
    response = client.post(reverse("subscriptions:unsubscribe", args=["WzEsIngiLDBd:1w2:forged"]))
    assert response.status_code == 400
    assert subscriber.subscriptions.count() == 2


# Calendars --------------------------------------------------------------------------------------------------


def feed(client, subscription, **headers):
    with translation.override("en"):
        path = reverse("subscriptions:feed", args=[subscription.feed_key])
    return client.get(path, headers=headers)


def test_a_subscriptions_calendar_holds_its_matching_events(client, cambodia):
    topic = Specialty.objects.get(code="conservation-science")
    subscription = public_subscriber("ana@example.org", country=cambodia, topic=topic).subscriptions.get()
    matching = make_event(title_en="Angkor conservation seminar")
    matching.countries.set([cambodia])
    matching.topics.set([topic])
    members_only = make_event(title_en="Members' briefing on Angkor", audience=Event.Audience.MEMBERS)
    members_only.countries.set([cambodia])
    members_only.topics.set([topic])
    recent = make_event(
        title_en="Last week's workshop", starts_at=timezone.now() - timedelta(days=7),
        ends_at=timezone.now() - timedelta(days=7) + timedelta(hours=2),
    )  # fmt: skip
    recent.countries.set([cambodia])
    recent.topics.set([topic])
    elsewhere = make_event(title_en="Peru seminar")
    elsewhere.countries.set([Country.objects.get(code="PE")])
    elsewhere.topics.set([topic])
    other_topic = make_event(title_en="Cambodian law seminar")
    other_topic.countries.set([cambodia])
    draft = make_event(title_en="Draft seminar", status=Event.Status.DRAFT)
    draft.countries.set([cambodia])
    draft.topics.set([topic])
    response = feed(client, subscription)
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "Angkor conservation seminar" in body and "Last week's workshop" in body
    # The public events list shows members-only announcements; so does the calendar.
    assert "Members' briefing on Angkor" in body
    assert "Peru seminar" not in body and "Cambodian law seminar" not in body and "Draft seminar" not in body


def test_a_region_or_committee_calendar_covers_their_countries(client, cambodia):
    event = make_event(title_en="Siem Reap workshop", kind=Event.Kind.WORKSHOP)
    event.countries.set([cambodia])
    region = Region.objects.get(scheme="subcommittee", code="southeast-south-asia")
    committee = Committee.objects.get(code="southeast-south-asia")
    europe = Committee.objects.get(code="europe")
    by_region = public_subscriber("a@example.org", region=region).subscriptions.get()
    by_committee = public_subscriber("b@example.org", committee=committee).subscriptions.get()
    by_europe = public_subscriber("c@example.org", committee=europe).subscriptions.get()
    by_kind = public_subscriber("d@example.org", event_kind="workshop").subscriptions.get()
    by_other_kind = public_subscriber("e@example.org", event_kind="symposium").subscriptions.get()
    for subscription, found in [
        (by_region, True), (by_committee, True), (by_europe, False), (by_kind, True), (by_other_kind, False),
    ]:  # fmt: skip
        assert ("Siem Reap workshop" in feed(client, subscription).content.decode()) is found, subscription


def test_a_calendar_is_kept_by_the_subscribers_program_only_and_answers_not_modified(client, subscriber):
    subscription = subscriber.subscriptions.first()
    response = feed(client, subscription)
    assert "private" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"
    again = feed(client, subscription, if_none_match=response["ETag"])
    assert again.status_code == 304


def test_an_unconfirmed_or_removed_subscription_has_no_calendar(client, cambodia):
    subscriber = Subscriber.objects.create(email="x@example.org")
    waiting = Subscription.objects.create(subscriber=subscriber, country=cambodia)
    assert feed(client, waiting).status_code == 404
    closed = make_user("closed@example.org", status="active", is_active=False)
    gone = account_subscriber(closed, country=cambodia).subscriptions.get()
    assert feed(client, gone).status_code == 404


def test_the_pages_behind_the_links_read_in_japanese(client, member, subscriber, cambodia):
    """The pages only a link opens, which the URL × user matrix sees with bad tokens only."""
    untranslated = english_msgids()
    waiting = Subscription.objects.create(subscriber=subscriber, topic=Specialty.objects.get(code="history"))
    waiting.token_hash = digest(token := new_secret())
    waiting.save()
    pages = [
        manage_path(subscriber),
        unsubscribe_path(subscriber),
        unsubscribe_path(subscriber, subscriber.subscriptions.get(country=cambodia)),
        reverse("subscriptions:confirm", args=[token]),
    ]
    found = []
    for path in pages:
        path = path.replace("/en/", "/ja/")
        response = client.get(path)
        assert response.status_code == 200, path
        found += [f"{path}: {problem}" for problem in problems_in(response.content.decode(), "ja", untranslated)]
    account_subscriber(member, country=cambodia)
    client.force_login(member)
    found += problems_in(client.get("/ja/subscriptions/").content.decode(), "ja", untranslated)
    assert found == []


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return len(context.captured_queries)


def test_the_lists_and_calendars_run_the_same_queries_however_many_rows(client, member, cambodia):
    subscriber = account_subscriber(member, country=cambodia)
    subscription = subscriber.subscriptions.get()
    client.force_login(member)
    paths = ["/en/subscriptions/", manage_path(subscriber), f"/en/subscriptions/calendar/{subscription.feed_key}.ics"]
    make_event().countries.set([cambodia])
    before = [queries_for(client, path) for path in paths]
    for code in ("PE", "TH", "LA", "VN"):
        Subscription.objects.create(subscriber=subscriber, confirmed_at=timezone.now(), country_id=code)
        make_event().countries.set([cambodia])
    assert [queries_for(client, path) for path in paths] == before
