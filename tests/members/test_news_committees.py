"""E-mail news addressed to committees: it reaches the members who sit on them when it is sent, once each."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from members import newsletter
from members.models import Committee, CommitteeSeat, Membership, NewsDelivery, NewsIssue
from tests.admin_checks import assert_flat_queries, change_form_data, sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


# The sub-committees are reference data, loaded by the migrations; ordered europe (4) before africa (5).
@pytest.fixture
def africa(db):
    return Committee.objects.get(code="africa")


@pytest.fixture
def europe(db):
    return Committee.objects.get(code="europe")


@pytest.fixture
def asia(db):
    return Committee.objects.get(code="west-asia")


def seat(user, *committees):
    for committee in committees:
        CommitteeSeat.objects.create(user=user, committee=committee)
    return user


@pytest.fixture
def issue(africa, europe):
    issue = NewsIssue.objects.create(
        subject_ja="分科会だより",
        subject_en="Sub-committee letter",
        body_ja="会合のご案内です。",
        body_en="Next meeting.",
    )
    issue.committees.set([africa, europe])
    return issue


@pytest.fixture
def roster(africa, europe, asia, member, applicant, suspended_member):
    """Who sits where: only ``japanese`` and ``english`` should receive an issue to Africa and Europe."""
    japanese = seat(member, africa)
    english = seat(make_user("reader.en@example.org", status=Membership.Status.ACTIVE, language="en"), africa, europe)
    seat(applicant, africa)
    seat(suspended_member, europe)
    opted_out = seat(make_user("optout@example.org", status=Membership.Status.ACTIVE), africa)
    Membership.objects.filter(user=opted_out).update(news_opt_in=False)
    seat(make_user("blocked@example.org", status=Membership.Status.ACTIVE, is_active=False), africa)
    seat(make_user("asia.only@example.org", status=Membership.Status.ACTIVE), asia)
    make_user("no.committee@example.org", status=Membership.Status.ACTIVE)
    return {"japanese": japanese, "english": english}


def sent_by_address():
    by_address = {}
    for message in mail.outbox:
        by_address.setdefault(message.to[0], []).append(message)
    return by_address


def test_issue_reaches_only_the_active_opted_in_members_of_its_committees_once_each_in_their_language(issue, roster):
    newsletter.queue(issue)
    call_command("send_news", stdout=io.StringIO())
    by_address = sent_by_address()
    assert sorted(by_address) == ["member@example.org", "reader.en@example.org"]
    [japanese] = by_address["member@example.org"]
    [english] = by_address["reader.en@example.org"]  # once, though on both committees
    assert (japanese.subject, english.subject) == ("分科会だより", "Sub-committee letter")
    assert "会合のご案内です。" in japanese.body and "Next meeting." in english.body
    issue.refresh_from_db()
    assert (issue.status, issue.sent_count, issue.failed_count) == (NewsIssue.Status.SENT, 2, 0)


def test_an_issue_to_no_committee_still_goes_to_all_members_who_opted_in(issue, roster):
    issue.committees.clear()
    newsletter.queue(issue)
    call_command("send_news", stdout=io.StringIO())
    assert sorted(sent_by_address()) == [
        "asia.only@example.org",
        "member@example.org",
        "no.committee@example.org",
        "reader.en@example.org",
    ]


def test_recipients_are_the_committee_members_at_the_time_of_sending(issue, roster, africa):
    newsletter.queue(issue)
    newcomer = seat(make_user("newcomer@example.org", status=Membership.Status.ACTIVE), africa)
    CommitteeSeat.objects.filter(user=roster["japanese"]).delete()
    call_command("send_news", stdout=io.StringIO())
    assert sorted(sent_by_address()) == [newcomer.email, "reader.en@example.org"]


def test_a_resumed_sending_drops_who_left_the_committee_and_adds_who_joined(issue, roster, africa):
    newsletter.queue(issue)
    newsletter.create_deliveries(issue)  # a run that stopped before its first batch
    CommitteeSeat.objects.filter(user=roster["japanese"]).delete()
    newcomer = seat(make_user("newcomer@example.org", status=Membership.Status.ACTIVE), africa)
    newsletter.send_issue(issue)
    assert sorted(sent_by_address()) == [newcomer.email, "reader.en@example.org"]
    assert not NewsDelivery.objects.filter(issue=issue, user=roster["japanese"]).exists()


def test_sending_again_sends_nothing_twice(issue, roster):
    newsletter.queue(issue)
    newsletter.send_issue(issue, batch_size=1)
    newsletter.send_issue(issue, batch_size=1)
    call_command("send_news", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    assert NewsDelivery.objects.filter(issue=issue).count() == 2


def test_the_footer_names_the_committees_in_the_recipients_language(issue, roster, africa):
    english = newsletter.render_message(issue, roster["english"], "en").body
    japanese = newsletter.render_message(issue, roster["japanese"], "ja").body
    footer = english.split("\n--\n", 1)[1]
    assert "Sent to the members of these committees: Europe Sub-Committee, Africa Sub-Committee." in footer
    assert "本号は欧州分科会、アフリカ分科会の委員の皆様にお送りしています。" in japanese.split("\n--\n", 1)[1]
    issue.committees.set([africa])
    assert (
        "Sent to the members of the Africa Sub-Committee."
        in newsletter.render_message(issue, roster["english"], "en").body
    )
    assert (
        "本号はアフリカ分科会の委員の皆様にお送りしています。"
        in newsletter.render_message(issue, roster["japanese"], "ja").body
    )


def test_an_issue_to_all_members_names_no_committee(issue, roster):
    issue.committees.clear()
    body = newsletter.render_message(issue, roster["english"], "en").body
    assert "Sent to the members" not in body


def test_the_sent_footer_is_in_each_recipients_language(issue, roster):
    newsletter.queue(issue)
    call_command("send_news", stdout=io.StringIO())
    by_address = sent_by_address()
    assert "委員の皆様にお送りしています。" in by_address["member@example.org"][0].body
    assert "Sent to the members of these committees:" in by_address["reader.en@example.org"][0].body


def test_recipient_counts_per_language(issue, roster):
    counts = [(code, count) for code, _name, count in newsletter.recipient_counts(issue)]
    assert counts == [("ja", 1), ("en", 1)]


def test_the_preview_before_sending_shows_the_reach_per_language(staff_client, issue, roster):
    page = staff_client.get(reverse("admin:members_newsissue_preview", args=[issue.pk])).content.decode()
    assert "Addressed to the members of: Europe Sub-Committee, Africa Sub-Committee." in page
    assert "It will be sent to 2 active members" in page
    assert "<li>Japanese: 1</li>" in page and "<li>English: 1</li>" in page


def test_the_change_page_shows_the_reach_per_language_now(staff_client, issue, roster, africa):
    url = reverse("admin:members_newsissue_change", args=[issue.pk])
    assert "<li>Japanese: 1</li><li>English: 1</li>" in staff_client.get(url).content.decode()
    seat(make_user("second.ja@example.org", status=Membership.Status.ACTIVE), africa)
    assert "<li>Japanese: 2</li><li>English: 1</li>" in staff_client.get(url).content.decode()


def test_staff_choose_the_committees_when_writing_an_issue(staff_client, issue, africa, asia):
    url = reverse("admin:members_newsissue_change", args=[issue.pk])
    data = change_form_data(staff_client.get(url))
    data["committees"] = [asia.pk]
    assert staff_client.post(url, data).status_code == 302
    assert list(issue.committees.all()) == [asia]
    assert [entry.committee for entry in issue.history.latest().committees.all()] == [asia]


def test_the_list_shows_to_whom_each_issue_is_addressed_in_a_fixed_number_of_queries(
    client, staff, issue, africa, asia
):
    NewsIssue.objects.create(subject_ja="全会員へ", subject_en="To everyone", body_ja="本文", body_en="Text")
    sign_in_to_admin(client, staff)
    url = reverse("admin:members_newsissue_changelist")
    page = client.get(url).content.decode()
    assert "Europe Sub-Committee, Africa Sub-Committee" in page
    assert "all members" in page

    def add_rows():
        for number in range(5):
            more = NewsIssue.objects.create(
                subject_ja=f"号{number}", subject_en=f"No. {number}", body_ja="本文", body_en="Text"
            )
            more.committees.set([africa, asia])

    assert_flat_queries(client, url, add_rows, most=11)


def test_the_add_page_offers_the_committees_and_counts_once_saved(staff_client, africa):
    page = staff_client.get(reverse("admin:members_newsissue_add")).content.decode()
    assert 'name="committees"' in page and "Africa Sub-Committee" in page
    assert "Counted once the issue is saved." in page
