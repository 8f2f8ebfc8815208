"""Writing, previewing and sending messages to registrants in the admin, and who may."""

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.urls import reverse

from events.models import EventMessage, Registration
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration
from tests.events.mail_helpers import send_event_mail
from tests.events.test_event_messages import make_message

pytestmark = pytest.mark.django_db
WRITE = ["view_eventmessage", "add_eventmessage", "change_eventmessage", "view_event"]


@pytest.fixture
def event():
    event = make_event(title_ja="年次シンポジウム", title_en="Annual symposium")
    make_registration(event, email="hanako@example.org", language="ja")
    make_registration(event, email="taro@example.org", language="ja")
    make_registration(event, email="amira@example.org", language="en")
    make_registration(event, email="lucas@example.org", language="en", status=Registration.Status.WAITLISTED)
    return event


@pytest.fixture
def draft(event):
    return make_message(event, status=EventMessage.Status.DRAFT, audience=EventMessage.Audience.CONFIRMED)


def staff_with(client, codenames):
    user = make_user("outreach@example.org", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    return sign_in_to_admin(client, user)


def preview(client, message):
    return client.get(reverse("admin:events_eventmessage_preview", args=[message.pk]))


def send(client, message):
    return client.post(reverse("admin:events_eventmessage_send", args=[message.pk]), follow=True)


def test_staff_write_a_message_in_the_admin(staff_client, event):
    response = staff_client.post(
        reverse("admin:events_eventmessage_add"),
        {
            "event": event.pk,
            "audience": EventMessage.Audience.ALL,
            "subject_ja": "資料の公開について",
            "body_ja": "発表資料を公開しました。",
            "subject_en": "",
            "body_en": "",
        },
    )
    assert response.status_code == 302
    message = EventMessage.objects.get()
    assert message.status == EventMessage.Status.DRAFT and message.created_by.email == "staff@example.org"


def test_a_half_written_language_is_refused_with_a_message_and_nothing_is_saved(staff_client, event):
    response = staff_client.post(
        reverse("admin:events_eventmessage_add"),
        {"event": event.pk, "audience": "all", "subject_ja": "", "body_ja": "", "subject_en": "Hello", "body_en": ""},
    )
    assert response.status_code == 200
    assert "Write the text in English too, or leave its subject empty." in response.content.decode()
    assert not EventMessage.objects.exists()


def test_the_preview_shows_each_language_and_how_many_read_it(staff_client, draft):
    response = preview(staff_client, draft)
    assert response.status_code == 200
    html = response.content.decode()
    assert "会場へのアクセスについて" in html and "Getting to the venue" in html
    assert "Registrants who read Japanese: 2 people" in html
    assert "Registrants who read English: 1 person" in html
    assert "It will be sent to 3 people" in html
    assert mail.outbox == []


def test_sending_queues_the_message_and_the_command_sends_it(staff_client, draft):
    response = send(staff_client, draft)
    assert "queued for 3 people" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.QUEUED and draft.queued_by.email == "staff@example.org"
    assert mail.outbox == []  # sending is the command's job, outside the request
    send_event_mail()
    assert sorted(message.to[0] for message in mail.outbox) == [
        "amira@example.org",
        "hanako@example.org",
        "taro@example.org",
    ]
    html = staff_client.get(reverse("admin:events_eventmessage_change", args=[draft.pk])).content.decode()
    assert "hanako@example.org" in html  # the log of deliveries


def test_a_get_on_the_send_address_sends_nothing(staff_client, draft):
    staff_client.get(reverse("admin:events_eventmessage_send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.DRAFT


def test_an_audience_without_anyone_is_refused(staff_client, draft):
    Registration.objects.update(status=Registration.Status.CANCELLED)
    response = send(staff_client, draft)
    assert "nothing was sent" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.DRAFT


def test_a_queued_message_can_no_longer_change(staff_client, draft):
    send(staff_client, draft)
    url = reverse("admin:events_eventmessage_change", args=[draft.pk])
    response = staff_client.post(
        url,
        {
            "event": draft.event_id,
            "audience": "all",
            "subject_ja": "変更",
            "body_ja": "変更",
            "subject_en": "",
            "body_en": "",
        },
    )
    assert response.status_code == 403
    draft.refresh_from_db()
    assert draft.subject_ja == "会場へのアクセスについて"
    assert "Send this message" not in preview(staff_client, draft).content.decode()


def test_staff_who_may_write_but_not_send_cannot_queue(client, draft):
    staff_with(client, WRITE)
    html = preview(client, draft).content.decode()
    assert "Send this message" not in html and "needs the permission to send them" in html
    assert "You may not send messages" in send(client, draft).content.decode()
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.DRAFT


def test_staff_with_the_send_permission_queue(client, draft):
    staff_with(client, [*WRITE, "send_eventmessage"])
    assert "Send this message" in preview(client, draft).content.decode()
    send(client, draft)
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.QUEUED


@pytest.mark.parametrize("who", ["anonymous", "applicant", "member", "suspended_member"])
def test_people_who_are_not_staff_reach_neither_preview_nor_sending(request, client, draft, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = preview(client, draft)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.post(reverse("admin:events_eventmessage_send", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.DRAFT


def test_staff_without_the_messages_permissions_reach_nothing(client, draft):
    staff_with(client, ["view_event", "change_event"])
    assert client.get(reverse("admin:events_eventmessage_changelist")).status_code == 403
    assert preview(client, draft).status_code == 302
    send(client, draft)
    draft.refresh_from_db()
    assert draft.status == EventMessage.Status.DRAFT


def test_the_messages_list_runs_a_fixed_number_of_queries(client, staff, event):
    sign_in_to_admin(client, staff)

    def add_rows():
        for _ in range(3):
            make_message(make_event())

    add_rows()
    assert_flat_queries(client, reverse("admin:events_eventmessage_changelist"), add_rows, most=10)
