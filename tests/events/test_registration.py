import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from events import registrations
from events.models import Event, PendingRegistration, Registration
from events.tokens import manage_url
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db
BASE_URL = "https://portal.example.org"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what a block commits, as production would: e-mails leave on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def managed_registrations(text):
    """The ids of the registrations that the manage links in ``text`` open."""
    keys = re.findall(r"/events/registration/(?!confirm/)([^/\s]+)/", text)
    return [Registration.objects.for_manage_key(key).pk for key in keys]


def confirmation_url(event, **details):
    """A confirmation link, as the public form's e-mail carries it."""
    return reverse("events:confirm", args=[PendingRegistration.objects.issue(event, **details)])


def public_details(**fields):
    return {"name": "Ana Lima", "email": "ana@example.org", "affiliation": "Museu Nacional", "language": "en"} | fields


def public_form(**fields):
    """The public form as sent, with the consent ticked."""
    return public_details(consent="on", **fields)


def test_member_registers_in_one_click_and_gets_a_confirmation_with_a_cancellation_link(client, member, committed):
    event = make_event()
    client.force_login(member)
    with committed():
        response = client.post(f"/en/events/{event.slug}/register/")
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.user == member and registration.status == Registration.Status.CONFIRMED
    assert len(mail.outbox) == 1
    assert member.email in mail.outbox[0].to
    assert f"http://testserver/{member.language}/events/registration/" in mail.outbox[0].body
    assert managed_registrations(mail.outbox[0].body) == [registration.pk]


def test_public_registration_sends_a_confirmation_link_and_reserves_nothing_until_it_is_used(client):
    event = make_event()
    response = client.post(f"/en/events/{event.slug}/register/", public_form())
    assert response.status_code == 200
    assert not Registration.objects.exists()
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/en/events/registration/confirm/\S+)", mail.outbox[0].body).group(1)

    # Opening the link (as a mail scanner would) changes nothing; the button does.
    assert client.get(link).status_code == 200
    assert not Registration.objects.exists()
    response = client.post(link)
    registration = Registration.objects.get()
    assert managed_registrations(response["Location"]) == [registration.pk]
    assert (registration.name, registration.email, registration.user) == ("Ana Lima", "ana@example.org", None)
    assert registration.status == Registration.Status.CONFIRMED


def test_public_form_refuses_an_invalid_address(client):
    event = make_event()
    response = client.post(f"/en/events/{event.slug}/register/", public_form(email="not-an-address"))
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert not mail.outbox


def test_tampered_confirmation_link_is_refused(client):
    event = make_event()
    link = confirmation_url(event, **public_details())
    tampered = link.replace("/confirm/", "/confirm/x")
    assert client.post(tampered).status_code == 400
    assert not Registration.objects.exists()


def test_manage_link_used_as_a_confirmation_link_is_refused(client):
    registration = make_registration(make_event())
    assert client.post(f"/en/events/registration/confirm/{registration.manage_key}/").status_code == 400
    assert Registration.objects.get() == registration


def test_expired_confirmation_link_is_refused(client):
    event = make_event()
    with override("en"):
        link = confirmation_url(event, **public_details())
    PendingRegistration.objects.update(created_at=timezone.now() - timedelta(days=3, minutes=1))
    response = client.post(link)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert not Registration.objects.exists()


def test_capacity_confirms_the_first_and_waitlists_the_rest(committed):
    event = make_event(capacity=2)
    with committed():
        statuses = [
            registrations.register(event, base_url=BASE_URL, **public_details(email=f"p{n}@example.org")).status
            for n in range(3)
        ]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert "waiting list" in mail.outbox[2].body


def test_cancellation_moves_the_first_on_the_waiting_list_up_and_tells_them(committed):
    event = make_event(capacity=1, title_ja="年次シンポジウム", title_en="Annual symposium")
    taken = make_registration(event)
    first = make_registration(event, status=Registration.Status.WAITLISTED, language="ja")
    second = make_registration(event, status=Registration.Status.WAITLISTED)

    with committed():
        promoted = registrations.cancel(taken, base_url=BASE_URL)

    assert promoted == [first]
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Registration.Status.CONFIRMED and first.promoted_at is not None
    assert second.status == Registration.Status.WAITLISTED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [first.email]
    # Written in the registrant's language: the Japanese title, links to the Japanese pages.
    assert "年次シンポジウム" in mail.outbox[0].subject
    assert f"{BASE_URL}/ja/events/{event.slug}/" in mail.outbox[0].body


def test_cancelling_a_waitlisted_registration_promotes_nobody():
    event = make_event(capacity=1)
    make_registration(event)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED)
    behind = make_registration(event, status=Registration.Status.WAITLISTED)
    assert registrations.cancel(waiting, base_url=BASE_URL) == []
    behind.refresh_from_db()
    assert behind.status == Registration.Status.WAITLISTED
    assert not mail.outbox


def test_cancellation_link_cancels_and_hands_the_place_on(client, committed):
    event = make_event(capacity=1)
    taken = make_registration(event)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED)
    url = manage_url(taken)
    assert client.get(url).status_code == 200
    taken.refresh_from_db()
    assert taken.status == Registration.Status.CONFIRMED

    with committed():
        assert client.post(url).status_code == 302
    taken.refresh_from_db()
    waiting.refresh_from_db()
    assert taken.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert [message.to for message in mail.outbox] == [[waiting.email]]


def test_tampered_cancellation_link_is_refused(client):
    registration = make_registration(make_event())
    url = manage_url(registration)
    token = url.rstrip("/").rsplit("/", 1)[1]
    forged = url.replace(token, token[:-2] + ("AA" if not token.endswith("AA") else "BB"))
    assert client.post(forged).status_code == 400
    assert client.post(url.replace(token, str(registration.pk))).status_code == 400
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED


@pytest.mark.parametrize(
    "window",
    [
        {"registration_opens_at": timezone.now() + timedelta(days=1)},
        {"registration_closes_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["not yet open", "closed"],
)
def test_registration_outside_the_window_is_refused(client, member, window):
    event = make_event(**window)
    response = client.post(f"/en/events/{event.slug}/register/", public_form())
    assert response.status_code == 403
    assert "not open" in response.content.decode()
    client.force_login(member)
    assert client.post(f"/en/events/{event.slug}/register/").status_code == 403
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_registration_for_a_past_event_is_refused():
    event = make_event(starts_at=timezone.now() - timedelta(days=2), ends_at=timezone.now() - timedelta(days=1))
    with pytest.raises(registrations.RegistrationRefused) as refusal:
        registrations.register(event, base_url=BASE_URL, **public_details())
    assert refusal.value.code == "not_open"


def test_registration_for_a_cancelled_event_is_refused(client):
    event = make_event(status=Event.Status.CANCELLED)
    response = client.post(f"/en/events/{event.slug}/register/", public_form())
    assert response.status_code == 403
    assert "cancelled" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "applicant", "suspended_member"])
def test_members_only_event_refuses_the_public(client, request, who):
    event = make_event(audience=Event.Audience.MEMBERS)
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.post(f"/en/events/{event.slug}/register/", public_form())
    assert response.status_code == 403
    assert "members of the consortium only" in response.content.decode()
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_members_only_event_refuses_a_confirmation_link_made_before_it_became_members_only(client):
    event = make_event()
    link = confirmation_url(event, **public_details())
    Event.objects.filter(pk=event.pk).update(audience=Event.Audience.MEMBERS)
    assert client.post(link).status_code == 403
    assert not Registration.objects.exists()


def test_members_only_event_accepts_an_active_member(client, member):
    event = make_event(audience=Event.Audience.MEMBERS)
    client.force_login(member)
    client.post(f"/en/events/{event.slug}/register/")
    assert Registration.objects.get().user == member


def test_duplicate_registration_is_refused(client, member):
    event = make_event()
    client.force_login(member)
    client.post(f"/en/events/{event.slug}/register/")
    response = client.post(f"/en/events/{event.slug}/register/", follow=True)
    assert "already registered" in response.content.decode()
    assert Registration.objects.count() == 1


def test_duplicate_public_confirmation_is_refused_whatever_the_letter_case(client):
    event = make_event()
    client.post(confirmation_url(event, **public_details()))
    response = client.post(confirmation_url(event, **public_details(email="ANA@example.org")))
    assert response.status_code == 403
    assert Registration.objects.count() == 1


def test_a_cancelled_registration_does_not_block_registering_again():
    event = make_event()
    first = registrations.register(event, base_url=BASE_URL, **public_details())
    registrations.cancel(first, base_url=BASE_URL)
    again = registrations.register(event, base_url=BASE_URL, **public_details())
    assert again.status == Registration.Status.CONFIRMED


def test_online_link_is_shown_only_to_confirmed_registrants(client, member, applicant):
    event = make_event(format=Event.Format.ONLINE, online_url="https://meet.example.org/secret-room", capacity=1)
    assert "secret-room" not in client.get(event.get_absolute_url()).content.decode()

    client.force_login(member)
    client.post(f"/en/events/{event.slug}/register/")
    assert "secret-room" in client.get(event.get_absolute_url()).content.decode()

    client.force_login(applicant)
    client.post(f"/en/events/{event.slug}/register/")
    assert Registration.objects.get(user=applicant).status == Registration.Status.WAITLISTED
    assert "secret-room" not in client.get(event.get_absolute_url()).content.decode()


def test_confirmation_email_is_in_the_registrants_language(committed):
    event = make_event(title_ja="年次シンポジウム", title_en="Annual symposium")
    with committed():
        registrations.register(event, base_url=BASE_URL, **public_details(language="ja"))
        registrations.register(event, base_url=BASE_URL, **public_details(email="bo@example.org", language="en"))
    japanese, english = mail.outbox
    assert "年次シンポジウム" in japanese.subject
    assert "/ja/events/" in japanese.body
    assert "Annual symposium" in english.subject
    assert "/en/events/" in english.body


def test_public_form_stops_sending_to_one_address_after_a_few_requests(client):
    event = make_event()
    for _ in range(3):
        assert client.post(f"/en/events/{event.slug}/register/", public_form()).status_code == 200
    response = client.post(f"/en/events/{event.slug}/register/", public_form(email="ANA@example.org"))
    assert response.status_code == 429
    assert "Too many registration requests" in response.content.decode()
    assert len(mail.outbox) == 3


def test_event_page_invites_the_public_to_sign_in_for_a_members_only_event(client, member):
    event = make_event(audience=Event.Audience.MEMBERS)
    with override("en"):
        url = event.get_absolute_url()
    html = client.get(url).content.decode()
    assert "members of the consortium only" in html
    assert f'href="/en/events/{event.slug}/register/"' not in html
    assert "sign in to register" in html
    client.force_login(member)
    assert f'href="/en/events/{event.slug}/register/"' in client.get(url).content.decode()


def test_event_page_gives_the_registration_deadline_in_the_events_time_zone(client):
    starts = datetime(2031, 3, 10, 18, 0, tzinfo=ZoneInfo("Europe/London"))
    event = make_event(
        time_zone="Europe/London",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        registration_closes_at=starts - timedelta(days=1),
    )
    with override("en"):
        url = event.get_absolute_url()
    html = client.get(url).content.decode()
    assert "Registration closes on March 9, 2031, 6 p.m. (GMT)." in html
