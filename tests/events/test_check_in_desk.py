"""The event desk's pages: who may use them, the code form, the list of registrants and its button."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import CheckIn, CheckInPass, Event, Registration
from events.passes import check_in_path, pass_url
from tests.admin_checks import assert_flat_queries, sign_in_to_admin, sign_in_without_second_factor
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db


def desk(event, language="en"):
    return f"/{language}/events/{event.slug}/check-in/"


def registrants(event, language="en"):
    return f"/{language}/events/{event.slug}/check-in/registrants/"


def staff_with(client, *codenames, email="desk@example.org"):
    user = make_user(email, is_staff=True, first_name="Yui", last_name="Kato")
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="events", codename__in=codenames))
    return sign_in_to_admin(client, user), user


def a_pass(event, **fields):
    return CheckInPass.objects.for_registration(make_registration(event, **fields))


# Who may use the desk ------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", [desk, registrants])
def test_only_staff_who_may_check_in_open_the_desk(client, any_user, page):
    event = make_event()
    if any_user is not None:
        client.force_login(any_user)
    response = client.get(page(event))
    if any_user is None:
        assert response.status_code == 302 and response["Location"].startswith("/en/accounts/login/")
    elif any_user.is_staff:
        assert response.status_code == 200
    else:
        assert response.status_code == 403
        assert "for the consortium's staff who check people in" in response.content.decode()
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("page", [desk, registrants])
def test_staff_need_the_check_in_permission_and_their_second_factor(client, page):
    event = make_event()
    client, _user = staff_with(client, "view_event", "change_event", "view_registration")
    assert client.get(page(event)).status_code == 403

    other = Client()
    other, _user = staff_with(other, "add_checkin", email="desk2@example.org")
    assert other.get(page(event)).status_code == 200

    unverified = Client()
    user = make_user("no.factor@example.org", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename="add_checkin"))
    sign_in_without_second_factor(unverified, user)
    assert unverified.get(page(event)).status_code == 403


@pytest.mark.parametrize("who", ["anonymous", "member", "staff without the permission"])
def test_nobody_else_checks_anyone_in_by_posting(client, member, who):
    event = make_event()
    check_in_pass = a_pass(event)
    if who == "member":
        client.force_login(member)
    elif who == "staff without the permission":
        client, _user = staff_with(client, "view_registration")
    client.post(desk(event), {"code": check_in_pass.token})
    client.post(registrants(event), {"in_person": check_in_pass.registration.pk})
    assert not CheckIn.objects.exists()


def test_posts_need_the_csrf_token(staff):
    event = make_event()
    check_in_pass = a_pass(event)
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    assert client.post(desk(event), {"code": check_in_pass.token}).status_code == 403
    assert client.post(registrants(event), {"in_person": check_in_pass.registration.pk}).status_code == 403
    assert not CheckIn.objects.exists()


# The code form ---------------------------------------------------------------------------------------------


def test_a_scanned_code_shows_the_name_and_marks_presence_once(staff_client, staff):
    event = make_event()
    check_in_pass = a_pass(event, name="Ana Lima", affiliation="Museu Nacional")
    response = staff_client.post(desk(event), {"code": pass_url(check_in_pass, "https://portal.example.org")})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ana Lima is checked in." in html and "Museu Nacional" in html
    assert "check-in-outcome--admitted" in html
    assert "1 of 1 confirmed registrant checked in" in html
    assert "no-store" in response["Cache-Control"]
    assert CheckIn.objects.get().checked_in_by == staff

    html = staff_client.post(desk(event), {"code": check_in_pass.short_code_display}).content.decode()
    assert "Already checked in on" in html and "by Keiko Sato" in html
    assert "check-in-outcome--refused" in html
    assert CheckIn.objects.count() == 1


def test_refusals_are_told_in_japanese_too(staff_client):
    event = make_event()
    response = staff_client.post(desk(event, "ja"), {"code": "ZZZZ-ZZZZ"})
    assert "このコードの登録は見つかりません" in response.content.decode()
    response = staff_client.post(desk(event, "ja"), {"code": ""})
    assert "コードを入力するか" in response.content.decode()
    assert not CheckIn.objects.exists()


def test_a_code_in_the_address_is_shown_and_waits_for_the_button(staff_client):
    event = make_event()
    check_in_pass = a_pass(event, name="Ana Lima")
    response = staff_client.get(f"{desk(event)}?code={check_in_pass.token}")
    html = response.content.decode()
    assert "This code is valid and not yet used" in html and "Ana Lima" in html
    assert f'value="{check_in_pass.token}"' in html
    assert f'action="{desk(event)}"' in html
    assert not CheckIn.objects.exists()


def test_the_address_in_a_qr_code_leads_to_the_desk_in_the_readers_language(staff_client):
    event = make_event()
    check_in_pass = a_pass(event)
    path = check_in_path(event, check_in_pass.token)
    assert path == f"/events/{event.slug}/check-in/?code={check_in_pass.token}"
    response = staff_client.get(path, headers={"accept-language": "ja"})
    assert response.status_code == 302
    assert response["Location"] == f"/ja{path}"
    assert "このコードは有効" in staff_client.get(response["Location"]).content.decode()


def test_the_camera_scanner_is_an_enhancement_of_the_form(staff_client):
    html = staff_client.get(desk(make_event())).content.decode()
    assert '<script src="/static/js/check-in.js" defer></script>' in html
    # Hidden until the script finds a browser that reads QR codes: the form alone works without it.
    assert re.search(r'<div class="check-in__scanner" data-check-in-scanner[^>]*\shidden>', html)
    assert 'name="code"' in html


def test_the_desk_of_an_event_that_does_not_exist_is_not_found(staff_client):
    assert staff_client.get("/en/events/no-such-event/check-in/").status_code == 404


# The list of registrants ---------------------------------------------------------------------------------


def test_the_list_shows_confirmed_registrants_and_finds_them_by_name_or_address(staff_client):
    event = make_event()
    make_registration(event, name="Ana Lima", email="ana@example.org")
    make_registration(event, name="山田 花子", email="hanako@example.jp")
    make_registration(event, name="Waiting Person", status=Registration.Status.WAITLISTED)
    make_registration(event, name="Cancelled Person", status=Registration.Status.CANCELLED)
    make_registration(make_event(), name="Other Event Person")

    html = staff_client.get(registrants(event)).content.decode()
    assert "Ana Lima" in html and "山田 花子" in html
    for absent in ("Waiting Person", "Cancelled Person", "Other Event Person"):
        assert absent not in html
    assert "0 of 2 confirmed registrants checked in" in html

    assert "Ana Lima" not in staff_client.get(registrants(event), {"q": "山田"}).content.decode()
    found = staff_client.get(registrants(event), {"q": "ANA@EXAMPLE"}).content.decode()
    assert "Ana Lima" in found and "山田 花子" not in found
    assert "No confirmed registrant matches" in staff_client.get(registrants(event), {"q": "nobody"}).content.decode()


def test_the_list_button_checks_in_once_and_keeps_the_search(staff_client, staff):
    event = make_event()
    registration = make_registration(event, name="Ana Lima")
    response = staff_client.post(f"{registrants(event)}?q=ana", {"in_person": registration.pk})
    assert response.status_code == 302 and response["Location"] == f"{registrants(event)}?q=ana"
    check_in = CheckIn.objects.get()
    assert (check_in.registration, check_in.method, check_in.mode) == (registration, "list", "in_person")
    assert check_in.checked_in_by == staff

    html = staff_client.get(response["Location"]).content.decode()
    assert "Ana Lima is checked in." in html and "Checked in" in html
    assert f'name="in_person" value="{registration.pk}"' not in html

    response = staff_client.post(registrants(event), {"in_person": registration.pk}, follow=True)
    assert "Already checked in on" in response.content.decode()
    assert CheckIn.objects.count() == 1


def test_online_attendance_is_marked_from_the_list_of_an_online_event_only(staff_client):
    hybrid = make_event(format=Event.Format.HYBRID)
    registration = make_registration(hybrid)
    html = staff_client.get(registrants(hybrid)).content.decode()
    assert f'name="online" value="{registration.pk}"' in html
    staff_client.post(registrants(hybrid), {"online": registration.pk})
    assert CheckIn.objects.get().mode == CheckIn.Mode.ONLINE

    in_person = make_event()
    other = make_registration(in_person)
    assert 'name="online"' not in staff_client.get(registrants(in_person)).content.decode()
    response = staff_client.post(registrants(in_person), {"online": other.pk}, follow=True)
    assert "not registered for this event" in response.content.decode()
    assert not CheckIn.objects.filter(registration=other).exists()


@pytest.mark.parametrize("data", [{"in_person": "not a number"}, {}, {"in_person": "1", "online": "1"}])
def test_the_list_refuses_a_post_it_cannot_read(staff_client, data):
    event = make_event(format=Event.Format.HYBRID)
    make_registration(event)
    response = staff_client.post(registrants(event), data, follow=True)
    assert "Nobody has been checked in." in response.content.decode()
    assert not CheckIn.objects.exists()


def test_the_list_refuses_another_events_registrant_and_a_cancelled_one(staff_client):
    event = make_event()
    stranger = make_registration(make_event())
    cancelled = make_registration(
        event, status=Registration.Status.CANCELLED, cancelled_at=timezone.now() - timedelta(days=1)
    )
    html = staff_client.post(registrants(event), {"in_person": stranger.pk}, follow=True).content.decode()
    assert "not registered for this event" in html
    html = staff_client.post(registrants(event), {"in_person": cancelled.pk}, follow=True).content.decode()
    assert "This registration was cancelled on" in html
    assert not CheckIn.objects.exists()


def test_the_list_offers_undo_to_staff_who_may_delete_check_ins(client, staff_client):
    event = make_event()
    registration = make_registration(event)
    staff_client.post(registrants(event), {"in_person": registration.pk})
    check_in = CheckIn.objects.get()
    undo = reverse("admin:events_checkin_delete", args=[check_in.pk])
    assert undo in staff_client.get(registrants(event)).content.decode()
    desk_only, _user = staff_with(client, "add_checkin")
    assert undo not in desk_only.get(registrants(event)).content.decode()


def test_the_list_runs_the_same_queries_however_many_registrants(staff_client, staff):
    event = make_event(format=Event.Format.HYBRID)

    def add_rows():
        for number in range(6):
            registration = make_registration(event)
            if number % 2:
                CheckIn.objects.create(registration=registration, method="list", checked_in_by=staff)

    add_rows()
    assert_flat_queries(staff_client, registrants(event), add_rows, most=12)
