"""Closing an account: a confirmation, the password again, then exactly what the privacy policy says is removed
or anonymised, and the rest kept; signed out everywhere at once, with an e-mail in the person's language."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortium.models import DataExport
from events import digests
from events.models import (
    CheckIn,
    Digest,
    DigestEntry,
    Event,
    EventMailDelivery,
    Registration,
    RegistrationAnswer,
    Subscriber,
    Subscription,
)
from experts.models import ContactView, Expert, ExpertClaim, ExpertRecordRequest, Publication
from members import closing
from members.models import (
    Committee,
    CommitteeSeat,
    Consent,
    Invitation,
    Membership,
    NewsDelivery,
    NewsIssue,
    Organization,
    User,
)
from search import alerts
from search.models import SavedSearch
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration
from tests.members.organisation_helpers import make_invitation
from tests.members.personal_data_helpers import services_data_of

PASSWORD = "correct horse battery staple"
URL = "/en/members/close/"


@pytest.fixture
def closing_member(member):
    """A member with something of every kind the closing touches, in Japanese."""
    User.objects.filter(pk=member.pk).update(language="ja")
    member.refresh_from_db()
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    EmailAddress.objects.create(user=member, email="hanako.private@example.net", verified=True)
    membership = member.membership
    membership.statement = "I restore wall paintings."
    membership.save()
    organisation = Organization.objects.create(name_en="Nara Institute", kind="research_institute")
    Organization.objects.filter(pk=organisation.pk).update(representative=member)
    CommitteeSeat.objects.create(committee=Committee.objects.create(code="asia", name_en="Asia"), user=member)
    Consent.objects.create(user=member, email=member.email, context="signup", privacy_version=1, language="ja")
    expert = Expert.objects.create(
        family_name_en="Suzuki", given_name_en="Hanako", email="suzuki@example.ac.jp", phone="+81 3 0000 0000",
        user=member,
    )  # fmt: skip
    DataExport.objects.create(user=member, user_email=member.email, kind="experts", format="csv", language="en",
                              row_count=3)  # fmt: skip
    ContactView.objects.create(viewer=member, viewer_email=member.email, expert=expert, expert_name="Suzuki")
    head = make_user("head@example.org")
    invitation, _link = make_invitation(organisation, head, email="Hanako.Private@example.net")
    issue = NewsIssue.objects.create(subject_ja="春号", subject_en="Spring news", body_ja="本文", body_en="News.")
    NewsDelivery.objects.create(issue=issue, user=member, email=member.email, language="ja", status="sent")
    past = make_event(starts_at=timezone.now() - timedelta(days=40), ends_at=timezone.now() - timedelta(days=39))
    upcoming = make_event(capacity=1)
    return {
        "past": make_registration(past, user=member, name="Hanako Suzuki", email=member.email, affiliation="Nara"),
        # Registered without signing in, with an address the account has verified since.
        "public": make_registration(past, name="H. Suzuki", email="Hanako.Private@example.net"),
        "upcoming": make_registration(upcoming, user=member, name="Hanako Suzuki", email=member.email),
        "waiting": make_registration(upcoming, status=Registration.Status.WAITLISTED, email="next@example.org"),
        "expert": expert,
        "organisation": organisation,
        "invitation": invitation,
    }


def close_with_password(client, captured, data=None):
    """Send the closing form; allauth asks for the password and then carries the form out."""
    response = client.post(URL, {"understood": "on"} if data is None else data)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert User.objects.get(email="member@example.org").closed_at is None  # nothing happens before it
    with captured(execute=True):
        return client.post(response["Location"], {"password": PASSWORD})


def test_the_page_says_what_closing_does_and_changes_nothing(client, closing_member, member):
    client.force_login(member)
    response = client.get(URL)
    assert response.status_code == 200
    assert "cannot be undone" in response.text
    assert "your saved searches, your subscriptions to news and events" in response.text
    assert "(such as dietary needs) are deleted" in response.text
    assert 'name="understood"' in response.text
    assert User.objects.get(pk=member.pk).is_active


def test_closing_asks_for_the_password_then_removes_what_the_policy_says(
    client, closing_member, member, django_capture_on_commit_callbacks
):
    other_session = Client()
    other_session.force_login(member)
    client.force_login(member)
    response = close_with_password(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    user = User.objects.get(pk=member.pk)
    assert user.email == f"closed-account-{member.pk}@closed.invalid"
    assert (user.first_name, user.last_name, user.is_active) == ("", "", False)
    assert not user.has_usable_password()
    assert user.closed_at is not None
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not User.history.filter(id=user.pk, email="member@example.org").exists()
    # Signed out here and in every other session at once.
    assert client.get(reverse("members:home")).status_code == 302
    assert other_session.get(reverse("members:home")).status_code == 302

    # The membership's history stays, as withdrawn, without what the person wrote.
    membership = Membership.objects.get(user=user)
    assert membership.status == Membership.Status.WITHDRAWN
    assert membership.history.count() >= 2
    assert set(membership.history.values_list("statement", flat=True)) == {""}
    assert not CommitteeSeat.objects.filter(user=user).exists()
    assert Organization.objects.get(pk=closing_member["organisation"].pk).representative is None

    # Registrations still count, without the name and address; the upcoming place went to the waiting list.
    for key in ("past", "public", "upcoming"):
        registration = Registration.objects.get(pk=closing_member[key].pk)
        assert (registration.name, registration.affiliation) == ("", ""), key
        assert registration.email.endswith("@removed.invalid"), key
        assert registration.personal_data_removed_at is not None, key
        assert not registration.history.filter(name__contains="Suzuki").exists(), key
    assert Registration.objects.get(pk=closing_member["upcoming"].pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(pk=closing_member["waiting"].pk).status == Registration.Status.CONFIRMED

    # The expert record stays, unlinked and without contact details (in its history too).
    expert = Expert.objects.get(pk=closing_member["expert"].pk)
    assert (expert.user, expert.email, expert.phone) == (None, "", "")
    assert not expert.history.filter(email="suzuki@example.ac.jp").exists()

    # An invitation to one of the addresses is revoked; the news delivered keeps only the placeholder.
    invitation = Invitation.objects.get(pk=closing_member["invitation"].pk)
    assert (invitation.email, invitation.revoked_at is not None) == (user.email, True)
    assert NewsDelivery.objects.get(user=user).email == user.email
    # The consent is kept without the address; the records of access keep saying who.
    assert Consent.objects.get(user=user).email == user.email
    assert DataExport.objects.get(user=user).user_email == "member@example.org"
    assert ContactView.objects.get(viewer=user).viewer_email == "member@example.org"

    # The confirmation went to the address the person signed in with, in their language.
    closing_mail = [message for message in mail.outbox if message.to == ["member@example.org"]]
    assert len(closing_mail) == 1
    assert "アカウントを閉鎖しました" in closing_mail[0].subject
    # The old sign-in no longer opens anything.
    client.post(reverse("account_login"), {"login": "member@example.org", "password": PASSWORD})
    assert client.get(reverse("members:home")).status_code == 302


def test_someone_elses_data_is_left_alone(client, closing_member, member, django_capture_on_commit_callbacks):
    other = make_user("other@example.org", status=Membership.Status.ACTIVE, first_name="Ken")
    theirs = make_registration(closing_member["past"].event, user=other, name="Ken Other", email=other.email)
    client.force_login(member)
    close_with_password(client, django_capture_on_commit_callbacks)
    theirs.refresh_from_db()
    assert (theirs.name, theirs.email, theirs.personal_data_removed_at) == ("Ken Other", "other@example.org", None)
    other.refresh_from_db()
    assert (other.email, other.first_name, other.is_active) == ("other@example.org", "Ken", True)


def test_without_the_tick_nothing_is_closed(client, closing_member, member):
    client.force_login(member)
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    response = client.post(URL, {})
    assert response.status_code == 200
    assert "Please tick the box to confirm that you want to close it." in response.text
    user = User.objects.get(pk=member.pk)
    assert (user.email, user.is_active, user.closed_at) == ("member@example.org", True, None)
    assert Registration.objects.get(pk=closing_member["past"].pk).name == "Hanako Suzuki"


def test_a_wrong_password_closes_nothing(client, closing_member, member):
    client.force_login(member)
    response = client.post(URL, {"understood": "on"})
    client.post(response["Location"], {"password": "not the password"})
    assert User.objects.get(pk=member.pk).closed_at is None


def test_staff_accounts_are_closed_by_an_administrator(client, staff):
    client.force_login(staff)
    assert client.get(URL).status_code == 409
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert client.post(URL, {"understood": "on"}).status_code == 409
    assert User.objects.get(pk=staff.pk).closed_at is None
    assert not closing.may_close(staff)


def test_closing_twice_does_nothing_the_second_time(closing_member, member):
    assert closing.close_account(member, notify=False) is not None
    assert closing.close_account(member, notify=False) is None


@pytest.fixture
def two_with_services(closing_member, member):
    """The closing member and another member, each with data in every member service."""
    other = make_user("other@example.org", status=Membership.Status.ACTIVE, first_name="Ken", language="en")
    EmailAddress.objects.create(user=other, email=other.email, verified=True, primary=True)
    EmailAddress.objects.create(user=other, email="ken.home@example.net", verified=True)
    others_expert = Expert.objects.create(family_name_en="Other", email="other@example.ac.jp", user=other)
    return {
        "mine": services_data_of(
            member, label="Hanako", address="Hanako.Private@example.net", expert=closing_member["expert"],
            identifiers=("0000-0002-1825-0097", "hanako_s", "12345678"),
        ),
        "theirs": services_data_of(
            other, label="Ken", address="ken.home@example.net", expert=others_expert,
            identifiers=("0000-0001-5109-3700", "ken_o", "87654321"),
        ),
        "other": other,
    }  # fmt: skip


def test_closing_removes_the_member_services_data_and_nobody_elses(two_with_services, member):
    mine, theirs = two_with_services["mine"], two_with_services["theirs"]
    closing.close_account(member, notify=False)

    # Saved searches are gone, so their alerts too; subscribers (the account's, and the public one at a
    # verified address) go with their subscriptions and digests.
    assert not SavedSearch.objects.filter(user=member).exists()
    for subscriber in (mine.account_subscriber, mine.public_subscriber):
        assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
        assert not Subscription.objects.filter(subscriber=subscriber.pk).exists()
    assert not Digest.objects.filter(pk=mine.digest.pk).exists()
    assert not DigestEntry.objects.filter(digest=mine.digest.pk).exists()
    # The record keeps its identifiers and publications, public facts of the person's work; claims and
    # requests, with the person's messages and the names they typed, are deleted.
    expert = Expert.objects.get(pk=mine.publication.expert_id)
    assert (expert.user, expert.orcid) == (None, "0000-0002-1825-0097")
    assert Publication.objects.filter(pk=mine.publication.pk).exists()
    assert not ExpertClaim.objects.filter(pk=mine.claim.pk).exists()
    assert not ExpertRecordRequest.objects.filter(pk=mine.record_request.pk).exists()
    # The registration keeps the answer chosen among options and its check-in, as the event's figures; the
    # answer in the person's words goes, and the e-mail sent about the event keeps only a placeholder.
    answers = RegistrationAnswer.objects.filter(registration=mine.registration)
    assert list(answers.values_list("question__label_en", "value")) == [("How will you attend?", "online")]
    assert CheckIn.objects.filter(registration=mine.registration).exists()
    delivery = EventMailDelivery.objects.get(pk=mine.delivery.pk)
    removed = f"registration-{mine.registration.pk}@removed.invalid"
    assert (delivery.name, delivery.email, delivery.error) == ("", removed, "")

    # The other member's data is all there.
    other = two_with_services["other"]
    assert SavedSearch.objects.get(pk=theirs.search.pk).user == other
    assert Subscriber.objects.filter(pk__in=[theirs.account_subscriber.pk, theirs.public_subscriber.pk]).count() == 2
    assert (
        Subscription.objects.filter(subscriber__in=[theirs.account_subscriber, theirs.public_subscriber]).count() == 2
    )
    assert DigestEntry.objects.filter(digest=theirs.digest).count() == 1
    assert ExpertClaim.objects.filter(pk=theirs.claim.pk).exists()
    assert ExpertRecordRequest.objects.filter(pk=theirs.record_request.pk).exists()
    assert RegistrationAnswer.objects.filter(registration=theirs.registration).count() == 2
    delivery = EventMailDelivery.objects.get(pk=theirs.delivery.pk)
    assert (delivery.name, delivery.email) == ("Ken at the workshop", "other@example.org")


def test_no_alert_goes_out_after_closing_even_from_a_run_under_way(two_with_services, member):
    """A run claims its batch, then checks one search after another: an account closed meanwhile gets nothing."""
    later = timezone.now() + timedelta(days=8)
    mine, theirs = two_with_services["mine"], two_with_services["theirs"]
    Expert.objects.create(family_name_en="Hanako", given_name_en="Ken")  # new for both searches
    batch = alerts.claim(later)
    assert {saved.pk for saved in batch} == {mine.search.pk, theirs.search.pk}

    closing.close_account(member, notify=False)
    mail.outbox.clear()
    outcomes = {saved.pk: alerts.check(saved, "https://portal.example.org", now=later) for saved in batch}

    assert outcomes[mine.search.pk].skipped and not outcomes[mine.search.pk].sent
    assert outcomes[theirs.search.pk].sent
    assert [message.to for message in mail.outbox] == [["other@example.org"]]
    alerts.send_due("https://portal.example.org", now=later + timedelta(days=30))
    assert all(message.to == ["other@example.org"] for message in mail.outbox)


def test_no_digest_goes_out_after_closing_even_from_a_run_under_way(two_with_services, member):
    mine, theirs = two_with_services["mine"], two_with_services["theirs"]
    make_event(kind=Event.Kind.WORKSHOP, title_en="A workshop both subscribe to")
    now = timezone.now()
    digests.announce(now)
    _examined, claimed = digests.claim_batch(until=now, now=now)
    assert {digest.subscriber_id for digest in claimed} == {mine.public_subscriber.pk, theirs.public_subscriber.pk}

    closing.close_account(member, notify=False)
    mail.outbox.clear()

    assert digests.send_claimed(claimed) == (1, 0)
    assert [message.to for message in mail.outbox] == [["ken.home@example.net"]]
