"""The subscription digests: each subscriber is told, in their language, of the news and events announced
since their previous digest that match any of their subscriptions, each item once.

``manage.py send_subscription_digests`` runs from a timer. A run first records what it sees public for the
first time (``Announcement``), then works through the subscribers in batches: under a lock (skipping
subscribers another run holds) it writes each one's digest and entries and moves their
``digested_until`` on, commits (the claim), and only then sends. A digest whose sending fails, or whose run
died after the claim, is marked failed and never sent again: an item is told of at most once.

What a digest holds is decided when it is claimed, moments before it is sent, under the access rule as it
then stands (``members.access.receives_members_only_news``): members-only events go to active members and
staff only, never to a public address or a lapsed member.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from events import subscriptions as subscribing
from events.models import Announcement, Digest, DigestEntry, Event, NewsArticle, Subscriber

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
# A claim still unsent after this long belongs to a run that died: it is marked failed, not sent again.
STALE_CLAIM = timedelta(hours=1)


def announce(now):
    """Record, at ``now``, each article and upcoming event seen public for the first time; return how many."""
    unannounced_articles = NewsArticle.objects.published(now).exclude(
        Exists(Announcement.objects.filter(article=OuterRef("pk")))
    )
    unannounced_events = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=now).exclude(
        Exists(Announcement.objects.filter(event=OuterRef("pk")))
    )
    rows = [Announcement(article_id=pk, seen_at=now) for pk in unannounced_articles.values_list("pk", flat=True)]
    rows += [Announcement(event_id=pk, seen_at=now) for pk in unannounced_events.values_list("pk", flat=True)]
    # Two runs at once may both see an item: the one-to-one keeps the first announcement.
    Announcement.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def due(until):
    """Subscribers with something announced after their previous digest, up to ``until``."""
    announced = Announcement.objects.filter(seen_at__gt=OuterRef("digested_until"), seen_at__lte=until)
    return Subscriber.objects.receiving().filter(digested_until__lt=until).filter(Exists(announced))


def new_items(subscriber, until, now):
    """The announcements of ``subscriber``'s next digest: announced in its window, still public, matching
    a confirmed subscription, for the recipient's eyes, and not yet in one of their digests."""
    subscriptions = list(subscriber.subscriptions.confirmed().select_related("committee"))
    recipient = subscriber.user if subscriber.user_id else None
    wanted = []
    news = subscribing.matching_any(subscriptions, NewsArticle)
    if news is not None:
        wanted.append(Q(article__in=NewsArticle.objects.published(now).filter(news).values("pk")))
    events = subscribing.matching_any(subscriptions, Event)
    if events is not None:
        upcoming = Event.objects.filter(status=Event.Status.PUBLISHED, ends_at__gte=now).told_to(recipient)
        wanted.append(Q(event__in=upcoming.filter(events).values("pk")))
    if not wanted:
        return []
    condition = wanted[0]
    for other in wanted[1:]:
        condition |= other
    told = DigestEntry.objects.filter(subscriber=subscriber, announcement=OuterRef("pk"))
    return list(
        Announcement.objects.filter(condition, seen_at__gt=subscriber.digested_until, seen_at__lte=until)
        .exclude(Exists(told))
        .values_list("pk", flat=True)
    )


def claim_batch(until, now, size=BATCH_SIZE):
    """Write the digests of up to ``size`` due subscribers and move them on; return (examined, digests).

    Subscribers another run holds are skipped; one with nothing new that matches gets no digest but is
    moved on all the same, so that the next run does not look at the same window again."""
    with transaction.atomic():
        subscribers = list(
            due(until)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user__membership")
            .order_by("pk")[:size]
        )
        digests = []
        for subscriber in subscribers:
            items = new_items(subscriber, until, now)
            if items:
                digest = Digest.objects.create(
                    subscriber=subscriber, language=subscriber.recipient_language, claimed_at=now
                )
                DigestEntry.objects.bulk_create(
                    [DigestEntry(digest=digest, subscriber=subscriber, announcement_id=pk) for pk in items]
                )
                digests.append(digest)
            subscriber.digested_until = until
        Subscriber.objects.bulk_update(subscribers, ["digested_until"])
    return len(subscribers), digests


def _items(digest):
    entries = digest.entries.select_related("announcement__article", "announcement__event").order_by("pk")
    articles = [entry.announcement.article for entry in entries if entry.announcement.article_id]
    events = [entry.announcement.event for entry in entries if entry.announcement.event_id]
    articles.sort(key=lambda article: (article.publish_at, article.pk), reverse=True)
    events.sort(key=lambda event: (event.starts_at, event.pk))
    return articles, events


def render_message(digest):
    """The digest as its subscriber receives it, in the digest's language."""
    subscriber = digest.subscriber
    language = digest.language
    articles, events = _items(digest)
    subscriptions = list(subscriber.subscriptions.confirmed().described())
    with translation.override(language):
        links = subscribing.links(subscriber, language, subscriptions)
        context = {
            "articles": [(article, subscribing.absolute(article.get_absolute_url())) for article in articles],
            "events": [(event, subscribing.absolute(event.get_absolute_url())) for event in events],
            "count": len(articles) + len(events),
            **links,
        }
        subject = render_to_string("events/email/digest_subject.txt", context)
        body = render_to_string("events/email/digest.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    return EmailMessage(
        subject=prefix + " ".join(subject.split()),
        body=body,
        to=[subscriber.address],
        headers={
            "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
            # RFC 8058: mail programs may unsubscribe with one POST, without opening a page.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _still_there(digest):
    """The claimed digest as it is now, with its subscriber's address; None when it went meanwhile: the
    address unsubscribed, or the account was closed, which deletes its subscribers and their digests."""
    return Digest.objects.filter(pk=digest.pk).select_related("subscriber__user").first()


def send_claimed(digests):
    """Send claimed digests over one connection; return (sent, failed)."""
    sent = failed = 0
    if not digests:
        return sent, failed
    handled = []
    with mailers.default as connection:
        for digest in digests:
            current = _still_there(digest)
            if current is None:
                continue
            digest.subscriber = current.subscriber
            handled.append(digest)
            try:
                connection.send_messages([render_message(digest)])
            except Exception as error:  # One bad address must not stop the others.
                # The log names the digest, never the address: an SMTP error's text quotes the address too.
                logger.warning(
                    "Digest %s (subscriber %s) failed: %s", digest.pk, digest.subscriber_id, type(error).__name__
                )
                digest.status, digest.error = Digest.Status.FAILED, str(error)[:1000]
                failed += 1
            else:
                digest.status, digest.sent_at = Digest.Status.SENT, timezone.now()
                sent += 1
    Digest.objects.bulk_update(handled, ["status", "error", "sent_at"])
    return sent, failed


def fail_stale_claims(now):
    return Digest.objects.filter(status=Digest.Status.CLAIMED, claimed_at__lt=now - STALE_CLAIM).update(
        status=Digest.Status.FAILED, error="The run that claimed this digest stopped before sending it."
    )


def send_digests(batch_size=BATCH_SIZE, now=None):
    """One run: drop expired requests, record what is newly public, send every due digest; return counts."""
    now = now or timezone.now()
    subscribing.drop_expired(now)
    counts = {"stale": fail_stale_claims(now), "announced": announce(now), "sent": 0, "failed": 0}
    while True:
        examined, digests = claim_batch(until=now, now=now, size=batch_size)
        if not examined:
            return counts
        sent, failed = send_claimed(digests)
        counts["sent"] += sent
        counts["failed"] += failed
