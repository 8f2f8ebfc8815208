"""Headers and cookies of public and member pages, served with the production security settings."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.admin_checks import sign_in_to_admin
from tests.security.conftest import HOST

PUBLIC_PAGES = [
    "/ja/",
    "/en/",
    "/en/about/",
    "/ja/news/",
    "/en/news/annual-report/",
    "/en/events/",
    "/ja/events/spring-symposium/",
    "/en/statistics/",
    "/en/accounts/login/",
    "/ja/accounts/signup/",
    "/en/accounts/password/reset/",
]
MEMBER_PAGES = ["/en/members/", "/ja/database/?q=restoration", "/en/experts/", "/en/projects/", "/ja/heritage/"]
PASSWORD = "correct horse battery staple"


def get(client, path):
    return client.get(path, secure=True, headers={"host": HOST})


def assert_security_headers(response):
    hsts = response["Strict-Transport-Security"]
    max_age = int(re.search(r"max-age=(\d+)", hsts).group(1))
    assert max_age >= 31_536_000, hsts
    assert "includeSubDomains" in hsts and "preload" in hsts, hsts

    policy = dict(
        (directive.split(" ", 1) + [""])[:2] for directive in response["Content-Security-Policy"].split("; ")
    )
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert policy["default-src"] == "'self'"
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_carry_every_security_header(client, production, members_only_data, path):
    response = get(client, path)
    assert response.status_code == 200, path
    assert_security_headers(response)


@pytest.mark.parametrize("path", MEMBER_PAGES)
def test_member_pages_carry_every_security_header_and_are_never_cached(client, production, member, path):
    client.force_login(member)
    response = get(client, path)
    assert response.status_code == 200, path
    assert_security_headers(response)
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_database_detail_pages_carry_every_security_header(client, production, member, members_only_data):
    client.force_login(member)
    expert_url = members_only_data["database_urls"][0]
    response = get(client, expert_url)
    assert response.status_code == 200
    assert_security_headers(response)
    assert "no-store" in response["Cache-Control"]


def test_plain_http_is_sent_to_https(client, production, db):
    response = client.get("/en/news/", headers={"host": HOST})
    assert response.status_code == 301
    assert response["Location"] == f"https://{HOST}/en/news/"


def host_cookie(response, prefix_name):
    cookie = response.cookies[prefix_name]
    assert prefix_name.startswith("__Host-"), f"the cookie {prefix_name!r} has no __Host- prefix"
    # A __Host- cookie must be Secure, for the path /, and name no domain, or browsers drop it.
    assert cookie["secure"] is True, prefix_name
    assert cookie["path"] == "/", prefix_name
    assert not cookie["domain"], prefix_name
    assert cookie["samesite"] in ("Lax", "Strict"), prefix_name
    return cookie


def test_sign_in_sets_a_host_only_secure_httponly_session_cookie(client, production, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    form = get(client, "/en/accounts/login/")
    csrf = host_cookie(form, production["CSRF_COOKIE_NAME"])
    assert csrf.value

    response = client.post(
        "/en/accounts/login/",
        {"login": member.email, "password": PASSWORD},
        secure=True,
        headers={"host": HOST},
    )
    assert response.status_code == 302, response.content[:500]
    session = host_cookie(response, production["SESSION_COOKIE_NAME"])
    assert session["httponly"] is True
    assert get(client, "/en/members/").status_code == 200


def test_no_cookie_is_set_without_the_host_prefix(client, production, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    responses = [get(client, "/en/accounts/login/")]
    responses.append(
        client.post(
            "/en/accounts/login/", {"login": member.email, "password": PASSWORD}, secure=True, headers={"host": HOST}
        )
    )
    responses += [get(client, path) for path in ["/en/", *MEMBER_PAGES]]
    names = {name for response in responses for name in response.cookies}
    assert names, "no cookie was set at all"
    for name in names:
        host_cookie(next(r for r in responses if name in r.cookies), name)


def test_admin_pages_carry_every_security_header(client, production, staff):
    sign_in_to_admin(client, staff)
    for path in ["/admin/", "/admin/experts/expert/"]:
        response = get(client, path)
        assert response.status_code == 200, path
        assert_security_headers(response)
