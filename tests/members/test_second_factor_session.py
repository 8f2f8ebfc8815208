"""Staff level needs a session that passed the second factor; a change of factors ends the user's other sessions."""

import pytest
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY
from django.test import Client
from django.urls import reverse

from members.access import Level, access_level
from tests.admin_checks import record_second_factor, sign_in_without_second_factor
from tests.members.conftest import current_totp_code

PASSWORD = "correct horse battery staple"


def level_of_session(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return access_level(response.wsgi_request.user)


def test_a_staff_session_without_the_second_factor_is_member_level(client, staff):
    sign_in_without_second_factor(client, staff)
    assert level_of_session(client) == Level.MEMBER


def test_a_staff_session_that_passed_the_second_factor_is_staff_level(client, staff):
    sign_in_without_second_factor(client, staff)
    record_second_factor(client, staff)
    assert level_of_session(client) == Level.STAFF


def test_a_staff_session_without_the_second_factor_is_asked_for_it_at_the_admin(client, staff, staff_totp_secret):
    sign_in_without_second_factor(client, staff)
    response = client.get("/admin/members/membership/")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_reauthenticate") + "?next=%2Fadmin%2Fmembers%2Fmembership%2F"

    response = client.post(response["Location"], {"code": current_totp_code(staff_totp_secret)})
    assert response["Location"] == "/admin/members/membership/"
    assert client.get("/admin/members/membership/").status_code == 200


# allauth announces the new factor once its transaction commits, which a test's own transaction would delay.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_adding_a_factor_signs_out_the_other_sessions_and_keeps_this_one(client, staff_without_second_factor):
    user = staff_without_second_factor
    other = Client()
    other.force_login(user)
    client.force_login(user)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    client.get(reverse("mfa_activate_totp"))
    code = current_totp_code(client.session[SECRET_SESSION_KEY])
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302

    assert level_of_session(other) == Level.PUBLIC
    # Setting the factor up proved it, as signing in with it would.
    assert level_of_session(client) == Level.STAFF


def test_removing_a_factor_signs_out_the_other_sessions_and_keeps_this_one(client, staff, staff_totp_secret):
    other = Client()
    other.force_login(staff)
    client.force_login(staff)
    client.post(reverse("mfa_reauthenticate"), {"code": current_totp_code(staff_totp_secret)})
    totp = staff.authenticator_set.get(type="totp")
    response = client.post(reverse("mfa_deactivate_totp"), {"id": totp.pk})
    assert response.status_code == 302
    assert not staff.authenticator_set.filter(type="totp").exists()

    assert level_of_session(other) == Level.PUBLIC
    assert level_of_session(client) == Level.MEMBER


def test_deleting_a_factor_outside_allauth_signs_out_every_session_of_the_user(client, staff):
    """An administrator deleting a lost authenticator in the Django admin (or in code) sends no allauth signal."""
    client.force_login(staff)
    assert level_of_session(client) == Level.STAFF

    staff.authenticator_set.filter(type="totp").delete()

    assert level_of_session(client) == Level.PUBLIC
