"""The e-mails about applications: "received" to the applicant and a notice to the secretariat once the
applicant has verified their address, and the secretariat's daily digest of applications waiting too long."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from members import application_notices
from members.models import Membership
from members.roles import SECRETARIAT
from tests.conftest import make_user
from tests.members.test_signup import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretariat():
    """Two active secretariat staff, one reading Japanese and one English, and one who has left."""
    group = Group.objects.get(name=SECRETARIAT)  # made by the staff roles' migration
    japanese = make_user("jimukyoku@example.org", is_staff=True, language="ja")
    english = make_user("secretariat@example.org", is_staff=True, language="en")
    former = make_user("former.staff@example.org", is_staff=True, is_active=False, language="en")
    for user in (japanese, english, former):
        user.groups.add(group)
    return group


def to(address):
    return [message for message in mail.outbox if message.to == [address]]


def sign_up_and_verify(client, django_capture_on_commit_callbacks, language, email="aiko@example.org"):
    client.logout()  # verifying signs the previous applicant in
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/en/accounts/signup/", application(email=email, language=language))
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link.split("testserver", 1)[1])
    assert EmailAddress.objects.get(email=email).verified


def waiting_application(email, days, *, verified=True):
    user = make_user(email, status=Membership.Status.APPLIED)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    Membership.objects.filter(user=user).update(applied_at=timezone.now() - timedelta(days=days))
    return user


def test_nothing_is_sent_before_the_applicant_verifies_their_address(client, secretariat):
    client.post("/en/accounts/signup/", application())
    assert [message.to for message in mail.outbox] == [["aiko@example.org"]]  # the verification only
    assert Membership.objects.get(user__email="aiko@example.org").secretariat_notified_at is None


@pytest.mark.parametrize(
    ("language", "subject_word"), [("ja", "申し込みを受け付けました"), ("en", "has been received")]
)
def test_applicant_receives_application_received_once_in_their_language(
    client, django_capture_on_commit_callbacks, secretariat, language, subject_word
):
    sign_up_and_verify(client, django_capture_on_commit_callbacks, language)
    received = [message for message in to("aiko@example.org") if "confirm-email" not in message.body]
    assert len(received) == 1
    assert subject_word in received[0].subject
    assert f"/{language}/members/" in received[0].body
    assert received[0].body.isascii() == (language == "en")

    # Verifying again (the same link, or the admin's "verified" action) announces nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert not application_notices.announce_application(Membership.objects.get(user__email="aiko@example.org"))
    assert len([message for message in to("aiko@example.org") if "confirm-email" not in message.body]) == 1


def test_secretariat_receives_one_notice_per_application_in_their_language_with_the_admin_link(
    client, django_capture_on_commit_callbacks, secretariat
):
    sign_up_and_verify(client, django_capture_on_commit_callbacks, "en", email="aiko@example.org")
    sign_up_and_verify(client, django_capture_on_commit_callbacks, "ja", email="kenji@example.org")
    memberships = Membership.objects.filter(user__email__in=["aiko@example.org", "kenji@example.org"])
    assert all(membership.secretariat_notified_at for membership in memberships)
    for address, japanese in [("jimukyoku@example.org", True), ("secretariat@example.org", False)]:
        notices = to(address)
        assert len(notices) == 2
        for membership in memberships:
            admin_path = reverse("admin:members_membership_change", args=[membership.pk])
            assert len([notice for notice in notices if admin_path in notice.body]) == 1
        assert all(notice.subject.isascii() != japanese for notice in notices)
    assert to("former.staff@example.org") == []


def test_without_a_secretariat_group_the_notice_goes_to_the_configured_addresses(
    client, django_capture_on_commit_callbacks, settings
):
    settings.SECRETARIAT_EMAILS = ["office@example.org"]
    sign_up_and_verify(client, django_capture_on_commit_callbacks, "en")
    notices = to("office@example.org")
    assert len(notices) == 1
    assert not notices[0].subject.isascii()  # no account: Japanese


def test_a_group_of_inactive_staff_only_falls_back_to_the_configured_addresses(secretariat, settings):
    settings.SECRETARIAT_EMAILS = ["office@example.org"]
    secretariat.user_set.filter(is_active=True).update(is_active=False)
    assert application_notices.secretariat_recipients() == [("office@example.org", "ja")]


def test_a_former_member_applying_again_is_announced_again(client, django_capture_on_commit_callbacks, secretariat):
    user = waiting_application("returning@example.org", days=400)
    Membership.objects.filter(user=user).update(
        status=Membership.Status.WITHDRAWN, secretariat_notified_at=timezone.now()
    )
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("members:apply_again"))
    assert len(to("returning@example.org")) == 1
    assert len(to("jimukyoku@example.org")) == 1


def test_reminder_lists_only_applications_waiting_longer_than_the_setting(secretariat, settings):
    settings.APPLICATION_REMINDER_DAYS = 7
    old = waiting_application("old@example.org", days=8)
    older = waiting_application("older@example.org", days=30)
    waiting_application("recent@example.org", days=6)
    waiting_application("unverified@example.org", days=30, verified=False)
    decided = waiting_application("decided@example.org", days=30)
    Membership.objects.filter(user=decided).update(status=Membership.Status.ACTIVE)

    call_command("remind_pending_applications", stdout=StringIO())

    for address in ["jimukyoku@example.org", "secretariat@example.org"]:
        (digest,) = to(address)
        body = digest.body
        for user in [old, older]:
            assert reverse("admin:members_membership_change", args=[user.membership.pk]) in body
        assert body.index("older@example.org") < body.index("old@example.org>")
        for absent in ["recent@", "unverified@", "decided@"]:
            assert absent not in body
    assert to("former.staff@example.org") == []


def test_reminder_sends_once_a_day_when_run_twice(secretariat):
    waiting_application("old@example.org", days=10)
    call_command("remind_pending_applications", stdout=StringIO())
    call_command("remind_pending_applications", stdout=StringIO())
    assert len(to("jimukyoku@example.org")) == 1
    assert len(mail.outbox) == 2  # one per secretariat member

    tomorrow = timezone.now() + timedelta(days=1)
    assert application_notices.send_digest(tomorrow) == 1
    assert len(to("jimukyoku@example.org")) == 2


def test_reminder_sends_nothing_when_nothing_waits(secretariat):
    waiting_application("recent@example.org", days=2)
    call_command("remind_pending_applications", stdout=StringIO())
    assert mail.outbox == []
