"""The sign-in backend: each request's user is read with its membership, in one query, afresh."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY, get_user
from django.test import RequestFactory
from django.urls import reverse

from members.access import Level, access_level
from members.models import Membership, User


def request_signed_in_as(client, user):
    """A request carrying ``client``'s session, as the authentication middleware would read it."""
    client.force_login(user)
    request = RequestFactory().get("/")
    request.session = client.session
    assert request.session[SESSION_KEY] == str(user.pk)  # Read now: the queries counted are the user's.
    return request


@pytest.mark.parametrize(("fixture", "level"), [("member", Level.MEMBER), ("applicant", Level.APPLICANT)])
def test_user_and_membership_are_one_query(client, request, django_assert_num_queries, fixture, level):
    request_ = request_signed_in_as(client, request.getfixturevalue(fixture))
    with django_assert_num_queries(1):
        assert access_level(get_user(request_)) == level


def test_user_without_membership_is_an_applicant_without_a_further_query(client, db, django_assert_num_queries):
    user = User.objects.create_user(email="no-membership@example.org", password="correct horse battery staple")
    request_ = request_signed_in_as(client, user)
    with django_assert_num_queries(1):
        assert access_level(get_user(request_)) == Level.APPLICANT


def test_suspension_takes_effect_on_the_members_next_request(client, member):
    client.force_login(member)
    assert client.get(reverse("experts:list")).status_code == 200
    Membership.objects.filter(user=member).update(status=Membership.Status.SUSPENDED)
    response = client.get(reverse("experts:list"))
    assert response.status_code == 403
    assert client.session[SESSION_KEY] == str(member.pk)


def test_a_deactivated_account_is_signed_out(client, member):
    request_ = request_signed_in_as(client, member)
    User.objects.filter(pk=member.pk).update(is_active=False)
    assert not get_user(request_).is_authenticated


def test_password_sign_in_records_this_backend(client, member):
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    response = client.post(
        reverse("account_login"), {"login": member.email, "password": "correct horse battery staple"}
    )
    assert response.status_code == 302
    assert client.session[BACKEND_SESSION_KEY] == "members.backends.MemberBackend"
    assert client.get(reverse("experts:list")).status_code == 200
