"""The members' e-mail news: queued in the admin, sent by the command, once per person."""

import base64
import io
import logging
import re
import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from members import newsletter
from members.models import Membership, NewsDelivery, NewsIssue
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user


@pytest.fixture
def issue(db):
    return NewsIssue.objects.create(
        subject_ja="会員ニュース 第1号",
        subject_en="Members' news No. 1",
        body_ja="今月のお知らせです。",
        body_en="This month's news.",
    )


@pytest.fixture
def readers(member, applicant, suspended_member):
    english = make_user("reader.en@example.org", status=Membership.Status.ACTIVE, language="en")
    make_user("optout@example.org", status=Membership.Status.ACTIVE)
    Membership.objects.filter(user__email="optout@example.org").update(news_opt_in=False)
    return [member, english]


def unsubscribe_path(message):
    return re.search(r"https?://[^/]+(/\S+/news/unsubscribe/\S+/)", message.body).group(1)


def test_issue_goes_to_active_members_who_opted_in_each_in_their_language(issue, readers):
    newsletter.queue(issue)
    call_command("send_news", stdout=io.StringIO())
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == sorted(user.email for user in readers)
    assert by_address["member@example.org"].subject == "会員ニュース 第1号"
    assert "今月のお知らせです。" in by_address["member@example.org"].body
    assert by_address["reader.en@example.org"].subject == "Members' news No. 1"
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.failed_count) == (NewsIssue.Status.SENT, 2, 0)


def test_sending_the_same_issue_twice_sends_nothing_twice(issue, readers):
    newsletter.queue(issue)
    newsletter.send_issue(issue, batch_size=1)
    newsletter.send_issue(issue, batch_size=1)
    call_command("send_news", stdout=io.StringIO())
    assert len(mail.outbox) == len(readers)
    assert NewsDelivery.objects.filter(issue=issue).count() == len(readers)


def test_failed_delivery_is_recorded(issue, readers, monkeypatch):
    real = newsletter.render_message

    def render_or_fail(issue, user, language):
        if user.email == "reader.en@example.org":
            raise OSError("mailbox unavailable")
        return real(issue, user, language)

    monkeypatch.setattr(newsletter, "render_message", render_or_fail)
    newsletter.queue(issue)
    newsletter.send_issue(issue)
    issue.refresh_from_db()
    assert (issue.sent_count, issue.failed_count) == (1, 1)
    failed = NewsDelivery.objects.get(status=NewsDelivery.Status.FAILED)
    assert failed.email == "reader.en@example.org"
    assert "mailbox unavailable" in failed.error


def test_a_failed_delivery_is_logged_by_its_ids_not_the_recipients_address(issue, readers, monkeypatch, caplog):
    real = newsletter.render_message

    def render_or_refuse(issue, user, language):
        if user.email == "reader.en@example.org":
            # What smtplib raises for a refused recipient: its text names the address.
            raise smtplib.SMTPRecipientsRefused({user.email: (550, b"5.1.1 <reader.en@example.org> unknown")})
        return real(issue, user, language)

    monkeypatch.setattr(newsletter, "render_message", render_or_refuse)
    newsletter.queue(issue)
    with caplog.at_level(logging.WARNING, logger="members.newsletter"):
        newsletter.send_issue(issue)
    failed = NewsDelivery.objects.get(status=NewsDelivery.Status.FAILED)
    [record] = [record for record in caplog.records if record.name == "members.newsletter"]
    assert "reader.en" not in caplog.text
    assert f"delivery {failed.pk}" in record.getMessage()
    assert f"user {failed.user_id}" in record.getMessage()
    assert "SMTPRecipientsRefused" in record.getMessage()


def test_message_carries_a_one_click_unsubscribe_header(issue, member):
    message = newsletter.render_message(issue, member, "ja")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = message.extra_headers["List-Unsubscribe"].strip("<>")
    assert link in message.body
    assert "/ja/members/news/unsubscribe/" in link


def test_unsubscribe_link_is_signed_and_works(client, issue, member):
    path = unsubscribe_path(newsletter.render_message(issue, member, "en"))
    confirm = client.get(path)
    assert confirm.status_code == 200
    assert Membership.objects.get(user=member).news_opt_in  # a GET changes nothing
    # A mail program's one-click POST carries no CSRF token and no session.
    response = Client(enforce_csrf_checks=True).post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Membership.objects.get(user=member).news_opt_in


def test_tampered_unsubscribe_link_is_refused(client, member, applicant):
    token = newsletter.unsubscribe_token(member)
    user_id, signature = token.split(":", 1)
    forged = newsletter.unsubscribe_token(applicant).split(":", 1)[0] + ":" + signature
    for bad in [forged, token[:-2] + "xx", "not-a-token"]:
        response = client.post(reverse("members:unsubscribe", args=[bad]))
        assert response.status_code == 400
    assert Membership.objects.get(user=member).news_opt_in
    assert Membership.objects.get(user=applicant).news_opt_in


def test_admin_preview_and_send(client, staff, issue, readers):
    client.force_login(staff)
    preview = client.get(reverse("admin:members_newsissue_preview", args=[issue.pk]))
    assert preview.status_code == 200
    content = preview.content.decode()
    assert "会員ニュース 第1号" in content and "Members&#x27; news No. 1" in content
    response = client.post(reverse("admin:members_newsissue_send", args=[issue.pk]))
    assert response.status_code == 302
    issue.refresh_from_db()
    assert issue.status == NewsIssue.Status.QUEUED
    assert mail.outbox == []  # sending is the command's job, outside the request


def test_news_changelist_runs_a_fixed_number_of_queries(client, staff, issue):
    sign_in_to_admin(client, staff)

    def add_rows():
        for number in range(5):
            NewsIssue.objects.create(
                subject_ja=f"号{number}", subject_en=f"No. {number}", body_ja="本文", body_en="Text"
            )

    assert_flat_queries(client, reverse("admin:members_newsissue_changelist"), add_rows, most=10)


def test_renewed_unsubscribe_key_invalidates_the_links_sent_before(client, issue, member, staff):
    old = unsubscribe_path(newsletter.render_message(issue, member, "en"))
    sign_in_to_admin(client, staff)
    response = client.post(
        reverse("admin:members_membership_changelist"),
        {"action": "renew_unsubscribe_links", "_selected_action": [member.membership.pk]},
    )
    assert response.status_code == 302
    client.logout()
    assert client.post(old).status_code == 400
    assert Membership.objects.get(user=member).news_opt_in
    new = unsubscribe_path(newsletter.render_message(issue, Membership.objects.get(user=member).user, "en"))
    assert client.post(new).status_code == 200
    assert not Membership.objects.get(user=member).news_opt_in


def test_unsubscribe_link_expires_after_a_year(client, issue, member, monkeypatch):
    path = unsubscribe_path(newsletter.render_message(issue, member, "en"))
    monkeypatch.setattr(newsletter, "UNSUBSCRIBE_MAX_AGE", timedelta(seconds=-1))
    assert client.post(path).status_code == 400
    assert Membership.objects.get(user=member).news_opt_in


def test_unsubscribe_link_carries_no_address(issue, member):
    token = unsubscribe_path(newsletter.render_message(issue, member, "en")).rstrip("/").rsplit("/", 1)[1]
    payload = token.split(":", 1)[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert member.email not in token and member.email not in decoded
