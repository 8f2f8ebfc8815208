"""The links in registration e-mails: nothing personal in them, single use, revocable, and they expire."""

import base64
import binascii
import re
import zlib
from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from events.models import Registration
from tests.admin_checks import sign_in_to_admin
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


DETAILS = {"name": "Ana Lima", "email": "ana.lima@example.org", "affiliation": "Museu Nacional", "language": "en"}


def last_link(kind):
    """The path of the last e-mail's confirmation ("confirm") or manage ("manage") link."""
    pattern = r"http://testserver(/\w+/events/registration/confirm/[^/\s]+/)"
    if kind == "manage":
        pattern = r"http://testserver(/\w+/events/registration/(?!confirm/)[^/\s]+/)"
    return re.search(pattern, mail.outbox[-1].body).group(1)


def readings(token):
    """Every way one might read a token: as it is, and each part base64-decoded, inflated or not."""
    texts = [token]
    for part in re.split(r"[:.]", token):
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except (binascii.Error, ValueError):
            continue
        for candidate in (raw, raw[1:]):
            texts.append(candidate.decode("latin-1"))
            try:
                texts.append(zlib.decompress(candidate).decode("latin-1"))
            except zlib.error:
                continue
    return [text.lower() for text in texts]


def manage_link(registration):
    with override("en"):
        return registration.get_absolute_url()


def request_link(client, event, **details):
    client.post(f"/en/events/{event.slug}/register/", DETAILS | {"consent": "on"} | details)
    return last_link("confirm")


def test_confirmation_link_carries_no_personal_data(client):
    link = request_link(client, make_event())
    token = link.rstrip("/").rsplit("/", 1)[1]
    for reading in readings(token):
        for value in ("ana.lima", "example.org", "ana lima", "museu"):
            assert value not in reading


def test_used_confirmation_link_is_refused_even_after_a_cancellation(client):
    link = request_link(client, make_event())
    assert client.post(link).status_code == 302
    registration = Registration.objects.get()
    assert client.post(reverse("events:registration", args=[registration.manage_key])).status_code == 302

    response = client.post(link)
    assert response.status_code == 400
    assert "This link cannot be used" in response.content.decode()
    assert client.get(link).status_code == 400
    assert list(Registration.objects.values_list("status", flat=True)) == [Registration.Status.CANCELLED]


def test_an_earlier_confirmation_link_is_superseded_by_a_later_one(client):
    event = make_event()
    first = request_link(client, event)
    second = request_link(client, event, email="ANA.LIMA@example.org")
    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 302
    assert Registration.objects.get().email == "ANA.LIMA@example.org"


def test_manage_link_carries_no_personal_data(client, committed):
    with committed():
        client.post(request_link(client, make_event()))
    token = last_link("manage").rstrip("/").rsplit("/", 1)[1]
    for reading in readings(token):
        assert "ana.lima" not in reading and "museu" not in reading


def test_manage_link_is_refused_after_the_registrant_cancels(client):
    registration = make_registration(make_event())
    link = manage_link(registration)
    assert client.post(link).status_code == 302
    response = client.get(link)
    assert response.status_code == 400
    assert "This link cannot be used" in response.content.decode()


def test_manage_link_is_refused_after_staff_cancel_in_the_admin(client, staff):
    registration = make_registration(make_event())
    link = manage_link(registration)
    sign_in_to_admin(client, staff)
    form = {
        "event": registration.event_id,
        "name": registration.name,
        "email": registration.email,
        "affiliation": "",
        "language": "ja",
        "status": Registration.Status.CANCELLED,
    }
    response = client.post(reverse("admin:events_registration_change", args=[registration.pk]), form)
    assert response.status_code == 302
    client.logout()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CANCELLED
    assert client.get(link).status_code == 400
    assert client.get(manage_link(registration)).status_code == 400


def test_staff_can_revoke_manage_links(client, staff):
    registration = make_registration(make_event())
    link = manage_link(registration)
    sign_in_to_admin(client, staff)
    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "renew_manage_links", "_selected_action": [registration.pk]},
    )
    assert response.status_code == 302
    client.logout()
    registration.refresh_from_db()
    assert client.get(link).status_code == 400
    assert client.get(manage_link(registration)).status_code == 200


def test_manage_link_expires_30_days_after_the_event(client):
    ended = timezone.now() - timedelta(days=31)
    old = make_registration(make_event(starts_at=ended - timedelta(hours=3), ends_at=ended))
    recent = make_registration(make_event(starts_at=ended, ends_at=ended + timedelta(days=2)))
    assert client.get(manage_link(recent)).status_code == 200
    response = client.get(manage_link(old))
    assert response.status_code == 400
    assert "expired" in response.content.decode()
