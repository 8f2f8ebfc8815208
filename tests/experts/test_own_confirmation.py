"""Once a year each claimed record asks its expert to confirm it: the command sends each request once, in
the expert's language; the link confirms with one click; staff list the records not confirmed for a year."""

import io
import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from experts import confirmation
from experts.models import Expert
from members import approval
from members.models import Membership
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def ask():
    call_command("ask_experts_to_confirm", stdout=io.StringIO())


def link_in(message):
    return re.search(r"https?://\S+/members/expert/confirm/\S+/", message.body).group(0)


@pytest.fixture
def long_ago(own_expert):
    Expert.objects.filter(pk=own_expert.pk).update(confirmed_at=date(2020, 4, 1))
    return own_expert


def test_the_command_asks_each_due_expert_once_in_their_language(member, long_ago):
    member.language = "en"
    member.save()
    recent = make_user("recent@example.org", status=Membership.Status.ACTIVE, language="ja")
    Expert.objects.create(family_name_en="Recent", user=recent, confirmed_at=timezone.localdate() - timedelta(days=30))
    Expert.objects.create(family_name_en="Unclaimed", email="unclaimed@example.org")

    ask()
    ask()

    (message,) = mail.outbox
    assert message.to == [member.email]
    assert message.subject.endswith("Is your expert record still correct?")
    assert "Hanako Suzuki" in message.body and "April 1, 2020" in message.body
    assert "/en/members/expert/confirm/" in link_in(message)
    assert "/en/members/expert/edit/" in message.body
    assert Expert.objects.get(pk=long_ago.pk).confirmation_asked_at is not None


def test_a_japanese_speaking_expert_is_asked_in_japanese(member, own_expert):
    ask()
    (message,) = mail.outbox
    assert "/ja/members/expert/confirm/" in link_in(message)
    assert "鈴木 花子" in message.body
    assert "Dear" not in message.body


def test_a_record_never_confirmed_is_asked_again_only_after_the_set_days(settings, member, own_expert):
    settings.EXPERT_CONFIRMATION_ASK_AGAIN_DAYS = 30
    ask()
    assert len(mail.outbox) == 1
    Expert.objects.filter(pk=own_expert.pk).update(confirmation_asked_at=timezone.now() - timedelta(days=29))
    ask()
    assert len(mail.outbox) == 1
    Expert.objects.filter(pk=own_expert.pk).update(confirmation_asked_at=timezone.now() - timedelta(days=31))
    ask()
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("decision", [approval.SUSPEND, approval.WITHDRAW])
def test_an_expert_who_is_no_longer_a_member_is_not_asked(member, long_ago, staff, decision):
    approval.decide(member.membership, decision, by=staff)
    mail.outbox.clear()
    ask()
    assert mail.outbox == []


def test_a_record_confirmed_twelve_months_ago_is_due_and_one_confirmed_since_is_not(member, own_expert):
    today = timezone.localdate()
    Expert.objects.filter(pk=own_expert.pk).update(confirmed_at=confirmation.a_year_before(today) + timedelta(days=1))
    assert not confirmation.due_for_confirmation().exists()
    Expert.objects.filter(pk=own_expert.pk).update(confirmed_at=confirmation.a_year_before(today))
    assert list(confirmation.due_for_confirmation()) == [own_expert]
    assert confirmation.a_year_before(date(2028, 2, 29)) == date(2027, 2, 28)


def test_a_failed_sending_leaves_the_record_due(member, long_ago, monkeypatch):
    from experts import emails

    def refuse(*args, **kwargs):
        raise ConnectionError("the mail server is down")

    monkeypatch.setattr(emails, "send_confirmation_request", refuse)
    with pytest.raises(ConnectionError):
        ask()
    assert Expert.objects.get(pk=long_ago.pk).confirmation_asked_at is None


def test_the_link_confirms_with_one_click_without_signing_in(member, long_ago):
    ask()
    url = link_in(mail.outbox[0]).removeprefix("http://127.0.0.1:8000")
    browser = Client()

    page = browser.get(url)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert Expert.objects.get(pk=long_ago.pk).confirmed_at == date(2020, 4, 1)  # following the link changes nothing
    assert long_ago.email not in page.content.decode() and long_ago.phone not in page.content.decode()
    assert reverse("members:expert_edit") in page.content.decode()

    assert browser.post(url).status_code == 200

    confirmed = Expert.objects.get(pk=long_ago.pk)
    assert confirmed.confirmed_at == timezone.localdate()
    latest = confirmed.history.first()
    assert (latest.history_user, latest.history_change_reason) == (member, "Confirmed by the expert")
    assert not confirmation.due_for_confirmation().exists()


def test_a_link_is_refused_when_altered_or_when_the_record_has_changed_hands(member, long_ago, staff):
    token = confirmation.confirmation_token(long_ago)
    browser = Client()
    assert browser.get(reverse("members:expert_confirm", args=[token[:-2] + "xx"])).status_code == 400
    approval.decide(member.membership, approval.SUSPEND, by=staff)
    assert browser.post(reverse("members:expert_confirm", args=[token])).status_code == 400
    Membership.objects.filter(user=member).update(status=Membership.Status.ACTIVE)
    Expert.objects.filter(pk=long_ago.pk).update(user=make_user("someone@example.org"))
    assert browser.post(reverse("members:expert_confirm", args=[token])).status_code == 400
    assert Expert.objects.get(pk=long_ago.pk).confirmed_at == date(2020, 4, 1)


def test_a_signed_in_expert_confirms_from_their_record_page(member_client, member, long_ago):
    page = member_client.get(reverse("members:expert"))
    assert "2020" in page.content.decode()
    member_client.post(reverse("members:expert"))
    assert Expert.objects.get(pk=long_ago.pk).confirmed_at == timezone.localdate()


def test_staff_list_the_records_not_confirmed_for_over_a_year(staff_client, member, long_ago):
    Expert.objects.create(family_name_en="Never", user=make_user("never@example.org"))
    Expert.objects.create(family_name_en="Recent", user=make_user("r@example.org"), confirmed_at=timezone.localdate())
    Expert.objects.create(family_name_en="Unclaimed")
    with translation.override("en"):
        changelist = reverse("admin:experts_expert_changelist")

    def listed(value):
        response = staff_client.get(changelist, {"confirmed": value})
        return {expert.family_name_en for expert in response.context["cl"].result_list}

    assert listed("overdue") == {"Suzuki", "Never"}
    assert listed("never") == {"Never"}
    assert listed("recent") == {"Recent"}
