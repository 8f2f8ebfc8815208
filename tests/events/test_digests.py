"""The subscription digests: what is new and matches, each item once, in the subscriber's language, only what
the recipient may see when it is sent, nothing when nothing is new."""

import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db.models import Q
from django.test import Client
from django.utils import timezone

from consortium.models import Country
from events import digests
from events.models import Digest, DigestEntry, Event, PublicationStatus, Subscription
from experts.models import Specialty
from members.models import Membership
from tests.conftest import make_user
from tests.events.conftest import make_article, make_event
from tests.events.subscription_helpers import account_subscriber, link_path, messages_to, public_subscriber

pytestmark = pytest.mark.django_db


@pytest.fixture
def cambodia():
    return Country.objects.get(code="KH")


@pytest.fixture
def topic():
    return Specialty.objects.get(code="conservation-science")


def about(item, *countries, topics=()):
    item.countries.set(countries)
    item.topics.set(topics)
    return item


def run():
    call_command("send_subscription_digests", stdout=io.StringIO())


def test_an_item_matching_several_subscriptions_is_sent_once(cambodia, topic):
    subscriber = public_subscriber("ana@example.org", country=cambodia)
    Subscription.objects.create(subscriber=subscriber, topic=topic, confirmed_at=timezone.now())
    Subscription.objects.create(subscriber=subscriber, event_kind="seminar", confirmed_at=timezone.now())
    about(make_article(title_en="Angkor conservation report"), cambodia, topics=[topic])
    about(make_event(title_en="Angkor seminar"), cambodia, topics=[topic])
    run()
    (message,) = mail.outbox
    assert message.body.count("Angkor conservation report") == 1
    assert message.body.count("Angkor seminar") == 1
    assert DigestEntry.objects.count() == 2
    assert message.subject == "[JCIC-Heritage] News and events for you: 2 new items"


def test_two_runs_send_once(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    about(make_article(title_en="Report from Phnom Penh"), cambodia)
    run()
    run()
    digests.send_digests()
    assert len(mail.outbox) == 1
    assert Digest.objects.get().status == Digest.Status.SENT


def test_a_later_item_goes_in_the_next_digest_and_only_that_one(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    about(make_article(title_en="First report"), cambodia)
    run()
    about(make_article(title_en="Second report"), cambodia)
    run()
    first, second = mail.outbox
    assert "First report" in first.body
    assert "Second report" in second.body and "First report" not in second.body


def test_nothing_is_sent_when_nothing_new_matches(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    run()
    about(make_article(title_en="Report from Peru"), Country.objects.get(code="PE"))
    make_article(title_en="A draft about Cambodia", status=PublicationStatus.DRAFT).countries.set([cambodia])
    run()
    assert mail.outbox == []
    assert not Digest.objects.exists()


def test_what_was_announced_before_the_subscription_is_not_sent(cambodia):
    about(make_article(title_en="Old report"), cambodia)
    run()  # the timer saw it public before anyone subscribed
    public_subscriber("ana@example.org", country=cambodia)
    run()
    assert mail.outbox == []


def test_an_unconfirmed_subscription_receives_nothing(client, cambodia):
    client.post("/en/subscriptions/", {"email": "ana@example.org", "language": "en", "country": "KH"})
    mail.outbox.clear()
    about(make_article(title_en="Report"), cambodia)
    run()
    assert mail.outbox == []


def test_a_scheduled_article_is_sent_once_its_time_has_come(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    later = timezone.now() + timedelta(hours=2)
    about(make_article(title_en="Scheduled report", publish_at=later), cambodia)
    run()
    assert mail.outbox == []
    digests.send_digests(now=later + timedelta(minutes=1))
    (message,) = mail.outbox
    assert "Scheduled report" in message.body


def test_each_digest_is_in_its_subscribers_language_with_the_fallback_said(cambodia):
    public_subscriber("en@example.org", language="en", country=cambodia)
    public_subscriber("ja@example.org", language="ja", country=cambodia)
    english_reader = make_user("reader@example.org", status=Membership.Status.ACTIVE, language="en")
    account_subscriber(english_reader, country=cambodia)
    about(make_article(title_en="Angkor report", title_ja="アンコール報告"), cambodia)
    about(make_article(title_en="", title_ja="日本語だけのお知らせ", slug="ja-only"), cambodia)
    run()
    (english,) = messages_to("en@example.org")
    assert "Angkor report" in english.body and "アンコール報告" not in english.body
    assert "日本語だけのお知らせ (in Japanese only)" in english.body
    assert "/en/news/" in english.body
    (japanese,) = messages_to("ja@example.org")
    assert "アンコール報告" in japanese.body and "Angkor report" not in japanese.body
    assert japanese.subject == "[JCIC-Heritage] 新着のお知らせとイベント（2件）"
    assert "/ja/news/" in japanese.body
    (member_copy,) = messages_to("reader@example.org")
    assert "Angkor report" in member_copy.body  # an account's digest follows its preferred language


def told_of(address):
    """The English titles of what the digests to ``address`` told of."""
    entries = DigestEntry.objects.filter(
        Q(subscriber__email=address) | Q(subscriber__user__email=address)
    ).select_related("announcement__article", "announcement__event")
    return sorted(str((entry.announcement.article or entry.announcement.event).title_en) for entry in entries)


def test_members_only_events_go_to_active_members_only(cambodia, member, suspended_member, applicant, staff):
    public_subscriber("public@example.org", country=cambodia)
    for user in (member, suspended_member, applicant, staff):
        account_subscriber(user, country=cambodia)
    about(make_event(title_en="Members' briefing", audience=Event.Audience.MEMBERS), cambodia)
    about(make_event(title_en="Open symposium", kind=Event.Kind.SYMPOSIUM), cambodia)
    run()
    for address in (member.email, staff.email):
        assert told_of(address) == ["Members' briefing", "Open symposium"]
        assert len(messages_to(address)) == 1
    for address in ("public@example.org", suspended_member.email, applicant.email):
        assert told_of(address) == ["Open symposium"]
        assert len(messages_to(address)) == 1
    (to_the_public,) = messages_to("public@example.org")
    assert "Members only" not in to_the_public.body and "Members' briefing" not in to_the_public.body


def test_a_member_who_lapses_is_no_longer_told_of_members_only_events(cambodia, member):
    account_subscriber(member, country=cambodia)
    Membership.objects.filter(user=member).update(status=Membership.Status.SUSPENDED)
    about(make_event(title_en="Members' briefing", audience=Event.Audience.MEMBERS), cambodia)
    run()
    assert mail.outbox == []


def test_a_closed_account_receives_nothing(cambodia):
    closed = make_user("closed@example.org", status=Membership.Status.ACTIVE, is_active=False)
    account_subscriber(closed, country=cambodia)
    about(make_article(title_en="Report"), cambodia)
    run()
    assert mail.outbox == []


def test_cancelled_and_past_events_are_not_announced(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    about(make_event(title_en="Cancelled seminar", status=Event.Status.CANCELLED), cambodia)
    yesterday = timezone.now() - timedelta(days=1)
    about(
        make_event(title_en="Yesterday's seminar", starts_at=yesterday, ends_at=yesterday + timedelta(hours=2)),
        cambodia,
    )
    run()
    assert mail.outbox == []


def test_every_subscriber_is_served_in_batches(cambodia):
    for number in range(5):
        public_subscriber(f"reader{number}@example.org", country=cambodia)
    about(make_article(title_en="Report"), cambodia)
    counts = digests.send_digests(batch_size=2)
    assert counts["sent"] == 5
    assert sorted(message.to[0] for message in mail.outbox) == [f"reader{number}@example.org" for number in range(5)]


def test_the_digest_carries_one_click_unsubscribe_and_its_links_work(cambodia):
    subscriber = public_subscriber("ana@example.org", country=cambodia)
    about(make_article(title_en="Report"), cambodia)
    run()
    (message,) = mail.outbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    header = re.fullmatch(
        r"<https?://[^/]+(/en/subscriptions/unsubscribe/\S+/)>", message.extra_headers["List-Unsubscribe"]
    )
    assert Client().get(link_path(message, "manage")).status_code == 200
    Client(enforce_csrf_checks=True).post(header.group(1), {"List-Unsubscribe": "One-Click"})
    assert not type(subscriber).objects.exists()


def test_a_failed_message_is_recorded_and_never_sent_again(cambodia, monkeypatch):
    public_subscriber("ana@example.org", country=cambodia)
    public_subscriber("bo@example.org", country=cambodia)
    about(make_article(title_en="Report"), cambodia)
    real = digests.render_message

    def render_or_fail(digest):
        if digest.subscriber.email == "bo@example.org":
            raise OSError("mailbox unavailable")
        return real(digest)

    monkeypatch.setattr(digests, "render_message", render_or_fail)
    run()
    monkeypatch.setattr(digests, "render_message", real)
    run()
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    failed = Digest.objects.get(status=Digest.Status.FAILED)
    assert failed.subscriber.email == "bo@example.org" and "mailbox unavailable" in failed.error


def test_a_claim_whose_run_stopped_is_marked_failed_not_sent(cambodia):
    public_subscriber("ana@example.org", country=cambodia)
    about(make_article(title_en="Report"), cambodia)
    now = timezone.now()
    digests.announce(now)
    examined, claimed = digests.claim_batch(until=now, now=now)  # the run stops here, before sending
    assert examined == 1 and len(claimed) == 1
    digests.send_digests(now=now + digests.STALE_CLAIM + timedelta(minutes=1))
    assert mail.outbox == []
    assert Digest.objects.get().status == Digest.Status.FAILED
