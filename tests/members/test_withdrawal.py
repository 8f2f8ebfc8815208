"""A member leaves the consortium (or withdraws an application) themselves, and may apply again."""

from django.core import mail
from django.urls import reverse
from django.views.debug import SafeExceptionReporterFilter

from members.access import Level, access_level
from members.models import Membership, User

PASSWORD = "correct horse battery staple"


def status_of(user):
    return Membership.objects.get(user=user).status


def test_a_member_leaves_with_their_password_and_loses_the_database(
    client, member, django_capture_on_commit_callbacks
):
    client.force_login(member)
    page = client.get(reverse("members:withdraw"))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("members:withdraw"), {"password": PASSWORD, "reason": "Retired from fieldwork."}
        )
    assert response["Location"] == reverse("members:home")
    membership = Membership.objects.get(user=member)
    assert membership.status == Membership.Status.WITHDRAWN
    assert membership.leaving_note == "Retired from fieldwork."
    assert not membership.news_opt_in
    assert membership.history.latest().history_change_reason == "withdrawn by the member"
    assert access_level(User.objects.get(pk=member.pk)) == Level.APPLICANT
    assert client.get(reverse("experts:list")).status_code == 403
    assert [message.to for message in mail.outbox] == [[member.email]]


def test_a_wrong_password_changes_nothing_and_says_why(client, member):
    client.force_login(member)
    response = client.post(reverse("members:withdraw"), {"password": "not it", "reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["password"]
    assert status_of(member) == Membership.Status.ACTIVE
    assert not mail.outbox


def test_an_applicant_withdraws_their_application(client, applicant):
    client.force_login(applicant)
    page = client.get("/en/members/withdraw/")
    assert "Withdraw my application" in page.content.decode()
    client.post(reverse("members:withdraw"), {"password": PASSWORD})
    assert status_of(applicant) == Membership.Status.WITHDRAWN


def test_the_confirmation_is_in_the_persons_language(client, member, django_capture_on_commit_callbacks):
    member.language = "ja"
    member.save(update_fields=["language"])
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/members/withdraw/", {"password": PASSWORD})
    assert "/ja/members/" in mail.outbox[0].body
    assert "退会" in mail.outbox[0].subject


def test_nothing_to_withdraw_is_said_plainly(client, member):
    Membership.objects.filter(user=member).update(status=Membership.Status.WITHDRAWN)
    client.force_login(member)
    response = client.post(reverse("members:withdraw"), {"password": PASSWORD})
    assert response.status_code == 409
    assert not mail.outbox


def test_a_former_member_applies_again_and_waits_for_a_decision(client, member):
    Membership.objects.filter(user=member).update(status=Membership.Status.WITHDRAWN)
    client.force_login(member)
    home = client.get(reverse("members:home"))
    assert reverse("members:apply_again") in home.content.decode()
    client.post(reverse("members:apply_again"))
    membership = Membership.objects.get(user=member)
    assert membership.status == Membership.Status.APPLIED
    assert membership.decided_at is None


def test_only_a_former_member_can_apply_again(client, member):
    client.force_login(member)
    client.post(reverse("members:apply_again"))
    assert status_of(member) == Membership.Status.ACTIVE


def test_wrong_passwords_are_limited_and_then_even_the_right_one_changes_nothing(client, member):
    client.force_login(member)
    answers = [client.post("/en/members/withdraw/", {"password": f"guess {n}"}).status_code for n in range(5)]
    assert answers == [200] * 5
    response = client.post("/en/members/withdraw/", {"password": PASSWORD})
    assert response.status_code == 429
    assert response.context["form"].has_error("password", code="rate_limited")
    assert "Too many wrong passwords" in response.content.decode()
    assert status_of(member) == Membership.Status.ACTIVE
    assert not mail.outbox


def test_the_limit_on_wrong_passwords_is_per_account(client, member, applicant):
    client.force_login(member)
    for n in range(6):
        client.post(reverse("members:withdraw"), {"password": f"guess {n}"})
    client.force_login(applicant)
    assert client.post(reverse("members:withdraw"), {"password": PASSWORD}).status_code == 302
    assert status_of(applicant) == Membership.Status.WITHDRAWN


def test_the_limit_message_is_translated(client, member):
    client.force_login(member)
    for n in range(6):
        response = client.post("/ja/members/withdraw/", {"password": f"guess {n}"})
    assert response.status_code == 429
    assert "パスワードの誤り" in response.content.decode()


def test_the_password_is_hidden_from_error_reports(client, member):
    client.force_login(member)
    response = client.post(reverse("members:withdraw"), {"password": "a secret guess"})
    parameters = SafeExceptionReporterFilter().get_post_parameters(response.wsgi_request)
    assert parameters["password"] != "a secret guess"
    assert "a secret guess" not in str(parameters)
