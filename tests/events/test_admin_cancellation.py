"""Staff cancelling or deleting registrations in the admin move the waiting list up, as a registrant's own
cancellation does: under the event's lock, each person moved up told by e-mail once."""

import pytest
from django.core import mail
from django.urls import reverse

from events.models import Registration
from tests.admin_checks import change_form_data
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_event():
    """Capacity 1: one confirmed, one waiting."""
    event = make_event(capacity=1, title_ja="年次シンポジウム", title_en="Annual symposium")
    confirmed = make_registration(event, name="First Comer")
    waiting = make_registration(event, name="Second Comer", status=Registration.Status.WAITLISTED, language="en")
    return event, confirmed, waiting


def change_status(staff_client, registration, status):
    url = reverse("admin:events_registration_change", args=[registration.pk])
    data = change_form_data(staff_client.get(url)) | {"status": status}
    return staff_client.post(url, data)


def assert_promoted_once(waiting):
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED and waiting.promoted_at is not None
    (message,) = mail.outbox
    assert message.to == [waiting.email]
    assert "Annual symposium" in message.subject


def test_cancelling_in_the_admin_confirms_the_first_on_the_waiting_list_and_tells_them_once(
    staff_client, full_event, django_capture_on_commit_callbacks
):
    _event, confirmed, waiting = full_event
    with django_capture_on_commit_callbacks(execute=True):
        response = change_status(staff_client, confirmed, Registration.Status.CANCELLED)
    assert response.status_code == 302
    confirmed.refresh_from_db()
    assert confirmed.status == Registration.Status.CANCELLED and confirmed.cancelled_at is not None
    assert_promoted_once(waiting)
    messages = [str(message) for message in response.wsgi_request._messages]
    assert "Second Comer moved up from the waiting list and is told by e-mail." in messages


def test_deleting_a_registration_in_the_admin_moves_the_waiting_list_up(
    staff_client, full_event, django_capture_on_commit_callbacks
):
    _event, confirmed, waiting = full_event
    url = reverse("admin:events_registration_delete", args=[confirmed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Registration.objects.filter(pk=confirmed.pk).exists()
    assert_promoted_once(waiting)


def test_deleting_registrations_of_two_events_in_bulk_moves_both_waiting_lists_up(
    staff_client, full_event, django_capture_on_commit_callbacks
):
    _event, confirmed, waiting = full_event
    other = make_event(capacity=2)
    taken = [make_registration(other), make_registration(other)]
    queued = [make_registration(other, status=Registration.Status.WAITLISTED) for _ in range(3)]
    selected = [confirmed.pk, *(registration.pk for registration in taken)]
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "delete_selected", "_selected_action": selected, "post": "yes"},
        )
    assert response.status_code == 302
    statuses = [registration.status for registration in Registration.objects.filter(pk__in=[r.pk for r in queued])]
    assert sorted(statuses) == ["confirmed", "confirmed", "waitlisted"]
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [waiting.email, queued[0].email, queued[1].email]
    )


def test_cancelling_a_waiting_list_entry_in_the_admin_moves_nobody(
    staff_client, full_event, django_capture_on_commit_callbacks
):
    _event, confirmed, waiting = full_event
    with django_capture_on_commit_callbacks(execute=True):
        response = change_status(staff_client, waiting, Registration.Status.CANCELLED)
    assert response.status_code == 302
    assert not mail.outbox
    confirmed.refresh_from_db()
    waiting.refresh_from_db()
    assert (confirmed.status, waiting.status) == ("confirmed", "cancelled")


def test_other_edits_in_the_admin_move_nobody_and_send_nothing(
    staff_client, full_event, django_capture_on_commit_callbacks
):
    _event, confirmed, waiting = full_event
    url = reverse("admin:events_registration_change", args=[confirmed.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(url, change_form_data(staff_client.get(url)) | {"affiliation": "東京大学"})
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.WAITLISTED and not mail.outbox


def test_a_registration_stays_with_its_event_in_the_admin(staff_client, full_event):
    event, confirmed, _waiting = full_event
    elsewhere = make_event()
    url = reverse("admin:events_registration_change", args=[confirmed.pk])
    assert "event" not in staff_client.get(url).context["adminform"].form.fields
    staff_client.post(url, change_form_data(staff_client.get(url)) | {"event": elsewhere.pk})
    confirmed.refresh_from_db()
    assert confirmed.event == event


def test_reinstating_a_cancelled_registration_whose_address_registered_again_is_refused(staff_client, full_event):
    event, _confirmed, _waiting = full_event
    old = make_registration(event, email="ana@example.org", status=Registration.Status.CANCELLED)
    make_registration(event, email="Ana@example.org", status=Registration.Status.WAITLISTED)
    response = change_status(staff_client, old, Registration.Status.CONFIRMED)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "This e-mail address is already registered for this event."
    ]
    old.refresh_from_db()
    assert old.status == Registration.Status.CANCELLED
