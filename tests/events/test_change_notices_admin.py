"""Change notices from the admin: saving an event queues one, staff may untick it, and see who was told when."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from events import changes
from events.models import ChangeNotice, Event
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration
from tests.events.mail_helpers import send_event_mail

pytestmark = pytest.mark.django_db


def change_form_data(client, event, **changed):
    """The event's change form as the admin shows it, with ``changed`` values typed in."""
    form = client.get(reverse("admin:events_event_change", args=[event.pk])).context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("co_organisers", "countries")
    }
    for name in ("starts_at", "ends_at"):
        value = changed.pop(name, form.initial[name])
        data |= {f"{name}_0": value.strftime("%Y-%m-%d"), f"{name}_1": value.strftime("%H:%M:%S")}
    data.pop("starts_at", None)
    data.pop("ends_at", None)
    data |= {"takes_registrations": "on", "notify_registrants": "on"}
    for prefix in ("speakers", "materials", "registration_questions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return {name: value for name, value in (data | changed).items() if value is not False}


@pytest.fixture
def event():
    event = make_event(title_en="Briefing on funding schemes")
    make_registration(event, email="hanako@example.org", language="ja")
    make_registration(event, email="amira@example.org", language="en")
    return event


def test_moving_an_event_in_the_admin_queues_a_notice_and_sends_nothing_during_the_save(staff_client, event):
    url = reverse("admin:events_event_change", args=[event.pk])
    later = event.starts_at.astimezone(event.zone).replace(tzinfo=None) + timedelta(days=7)
    data = change_form_data(staff_client, event, starts_at=later, ends_at=later + timedelta(hours=3))
    response = staff_client.post(url, data, follow=True)
    assert response.status_code == 200
    notice = ChangeNotice.objects.get(event=event)
    assert notice.kind == ChangeNotice.Kind.CHANGED and notice.created_by.email == "staff@example.org"
    assert "will be told of this change by e-mail" in response.content.decode()
    assert mail.outbox == []
    event.refresh_from_db()
    assert event.calendar_sequence == 1
    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == ["amira@example.org", "hanako@example.org"]


def test_cancelling_in_the_admin_queues_a_cancellation(staff_client, event):
    data = change_form_data(staff_client, event, status=Event.Status.CANCELLED)
    assert staff_client.post(reverse("admin:events_event_change", args=[event.pk]), data).status_code == 302
    assert ChangeNotice.objects.get(event=event).kind == ChangeNotice.Kind.CANCELLED


def test_staff_may_untick_the_notice_for_a_correction(staff_client, event):
    data = change_form_data(staff_client, event, venue_name_en="Tokyo National Museum, Heiseikan Hall")
    del data["notify_registrants"]
    response = staff_client.post(reverse("admin:events_event_change", args=[event.pk]), data, follow=True)
    assert "were not told of this change" in response.content.decode()
    assert not ChangeNotice.objects.exists()
    event.refresh_from_db()
    assert event.calendar_sequence == 1  # calendars still take the corrected entry


def test_the_box_for_telling_registrants_is_ticked_on_an_events_page_and_absent_from_a_new_one(staff_client, event):
    html = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert re.search(r'<input type="checkbox" name="notify_registrants"[^>]* checked', html)
    assert "notify_registrants" not in staff_client.get(reverse("admin:events_event_add")).content.decode()


def test_the_notice_page_shows_what_changed_and_who_was_told_when(staff_client, event):
    notice = changes.update_event(event, venue_name_en="Kuroda Memorial Hall", venue_name_ja="黒田記念館")
    send_event_mail()
    html = staff_client.get(reverse("admin:events_changenotice_change", args=[notice.pk])).content.decode()
    assert "Tokyo National Museum, Heiseikan → Kuroda Memorial Hall" in html
    assert "東京国立博物館 平成館 → 黒田記念館" in html
    assert "amira@example.org" in html and "hanako@example.org" in html


def test_a_queued_notice_may_be_withdrawn_but_a_sent_one_stays(staff_client, event):
    notice = changes.update_event(event, venue_name_en="Kuroda Memorial Hall")
    delete = reverse("admin:events_changenotice_delete", args=[notice.pk])
    assert staff_client.post(delete, {"post": "yes"}).status_code == 302
    assert not ChangeNotice.objects.exists()
    send_event_mail()
    assert mail.outbox == []

    sent = changes.update_event(event, venue_name_en="Heiseikan")
    send_event_mail()
    refused = staff_client.post(reverse("admin:events_changenotice_delete", args=[sent.pk]), {"post": "yes"})
    assert refused.status_code == 403
    assert ChangeNotice.objects.filter(pk=sent.pk).exists()


def test_no_one_adds_or_edits_a_notice_by_hand(staff_client, event):
    notice = changes.cancel_event(event)
    assert staff_client.get(reverse("admin:events_changenotice_add")).status_code == 403
    url = reverse("admin:events_changenotice_change", args=[notice.pk])
    staff_client.post(url, {"kind": ChangeNotice.Kind.CHANGED})
    notice.refresh_from_db()
    assert notice.kind == ChangeNotice.Kind.CANCELLED


@pytest.mark.parametrize(
    ("codenames", "expected"),
    [
        (["view_changenotice", "view_eventmaildelivery"], 200),
        (["view_event", "change_event"], 403),
    ],
)
def test_the_notices_need_their_view_permission(client, event, codenames, expected):
    notice = changes.cancel_event(event)
    editor = make_user("outreach@example.org", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    sign_in_to_admin(client, editor)
    assert client.get(reverse("admin:events_changenotice_changelist")).status_code == expected
    assert client.get(reverse("admin:events_changenotice_change", args=[notice.pk])).status_code == expected


def test_the_notices_list_runs_a_fixed_number_of_queries(client, staff):
    sign_in_to_admin(client, staff)

    def add_rows():
        for _ in range(3):
            event = make_event()
            make_registration(event)
            changes.cancel_event(event, by=staff)

    add_rows()
    assert_flat_queries(client, reverse("admin:events_changenotice_changelist"), add_rows, most=10)
