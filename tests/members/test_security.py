"""Sign-in safeguards: rate limits, enumeration, second factor, session lifetime."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.urls import reverse

from members.signals import LAST_SEEN_AT, SIGNED_IN_AT
from tests.members.conftest import current_totp_code

LOGIN_URL = "/en/accounts/login/"
PASSWORD = "correct horse battery staple"


def verify_email(user):
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)


def test_repeated_wrong_passwords_are_answered_with_429(client, member):
    verify_email(member)
    answers = [client.post(LOGIN_URL, {"login": member.email, "password": "wrong"}).status_code for _ in range(6)]
    assert answers[:5] == [200] * 5
    assert answers[5] == 429
    # Even the right password is refused while the limit holds.
    assert client.post(LOGIN_URL, {"login": member.email, "password": PASSWORD}).status_code == 429


def test_rate_limit_counters_live_in_the_shared_redis_cache(client, member):
    client.post(LOGIN_URL, {"login": member.email, "password": "wrong"})
    assert isinstance(caches["default"], RedisCache)
    keys = caches["default"]._cache.get_client().scan_iter(match=f"{caches['default'].key_prefix}:*")
    assert any(b"login_failed" in key for key in keys)


def test_password_reset_answers_alike_for_known_and_unknown_addresses(client, member):
    known = client.post("/en/accounts/password/reset/", {"email": member.email})
    unknown = client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).content == client.get(unknown["Location"]).content
    # Each address gets an e-mail: a reset link, or a note that no account uses it.
    assert sorted(message.to[0] for message in mail.outbox) == sorted([member.email, "nobody@example.org"])


def test_signup_answers_alike_for_a_taken_address(client, member):
    data = {
        "last_name": "Suzuki",
        "first_name": "Hanako",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
        "kind": "individual",
        "statement": "Again.",
        "language": "en",
        "consent": "on",
    }
    taken = client.post("/en/accounts/signup/", {**data, "email": member.email})
    new = client.post("/en/accounts/signup/", {**data, "email": "someone.new@example.org"})
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])


def test_anonymous_admin_visitor_is_sent_to_the_allauth_sign_in(client, db):
    response = client.get("/admin/")
    assert response["Location"] == "/admin/login/?next=/admin/"
    login = client.get(response["Location"])
    assert login.status_code == 302
    assert login["Location"].endswith("/accounts/login/?next=%2Fadmin%2F")


def test_staff_without_a_second_factor_cannot_reach_the_admin(client, staff_without_second_factor):
    client.force_login(staff_without_second_factor)
    for path in ["/admin/", "/admin/members/membership/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_a_second_factor_reach_the_admin(client, staff):
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200


def test_sign_in_with_totp_and_a_reused_code_is_refused(client, staff, staff_totp_secret):
    verify_email(staff)
    response = client.post(LOGIN_URL, {"login": staff.email, "password": PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    code = current_totp_code(staff_totp_secret)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200

    client.post(reverse("account_logout"))
    client.post(LOGIN_URL, {"login": staff.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert response.context["form"].errors
    assert client.get("/admin/").status_code == 302


def test_sign_in_gives_a_new_session_key(client, member):
    verify_email(member)
    client.get(LOGIN_URL)
    session = client.session
    session["before"] = True
    session.save()
    before = session.session_key
    client.post(LOGIN_URL, {"login": member.email, "password": PASSWORD})
    assert client.session.session_key != before
    assert "_auth_user_id" in client.session


def test_sign_out_deletes_the_session_on_the_server(client, member):
    client.force_login(member)
    key = client.session.session_key
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize(
    ("key", "age"),
    [(LAST_SEEN_AT, "MEMBERS_SESSION_IDLE_TIMEOUT"), (SIGNED_IN_AT, "MEMBERS_SESSION_MAX_LIFETIME")],
)
def test_expired_session_is_signed_out(client, member, settings, key, age):
    client.force_login(member)
    assert client.get(reverse("members:home")).status_code == 200
    session = client.session
    session[key] = int(time.time() - getattr(settings, age).total_seconds() - 5)
    session.save()
    response = client.get(reverse("members:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Session.objects.filter(session_key=session.session_key).exists()


def test_activity_within_the_idle_time_keeps_the_session(client, member, settings):
    client.force_login(member)
    session = client.session
    session[LAST_SEEN_AT] = int(time.time() - settings.MEMBERS_SESSION_IDLE_TIMEOUT.total_seconds() + 120)
    session.save()
    assert client.get(reverse("members:home")).status_code == 200
    assert client.session[LAST_SEEN_AT] >= int(time.time()) - 5
