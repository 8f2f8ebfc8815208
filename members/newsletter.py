"""The members' e-mail news: who receives it, how it is sent, how one unsubscribes.

Staff queue an issue in the admin; ``manage.py send_news`` (run by a timer)
sends queued issues outside any web request. Every recipient gets a
``NewsDelivery`` row before anything is sent, unique per issue and person, so
a second run, or two runs at once, never sends a message twice.
"""

import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consortium.bilingual import localized
from consortium.link_secrets import new_secret
from members.models import Membership, NewsDelivery, NewsIssue, User

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
UNSUBSCRIBE_SALT = "members.news.unsubscribe"
# Long enough for an old issue's link to work; a renewed key revokes links at once.
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


def recipients():
    """Active members who asked for the e-mail news."""
    return User.objects.filter(
        is_active=True, membership__status=Membership.Status.ACTIVE, membership__news_opt_in=True
    ).only("pk", "email", "language")


def unsubscribe_token(user):
    """A signed, dated token naming the member and their membership's current unsubscribe key.

    Someone without a membership (staff previewing an issue) gets a token that opens nothing.
    """
    membership = getattr(user, "membership", None)
    return signing.dumps([user.pk, membership.news_unsubscribe_key if membership else ""], salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token):
    """The user the token was made for, or None when it was altered, has expired or its key was renewed."""
    try:
        pk, key = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    user = User.objects.filter(pk=pk).select_related("membership").first()
    membership = getattr(user, "membership", None) if user else None
    if membership is None or not hmac.compare_digest(str(key), membership.news_unsubscribe_key):
        return None
    return user


def renew_unsubscribe_keys(memberships):
    """Revoke every unsubscribe link sent so far to these members; return how many."""
    memberships = list(memberships)
    for membership in memberships:
        membership.news_unsubscribe_key = new_secret()
    Membership.objects.bulk_update(memberships, ["news_unsubscribe_key"])
    return len(memberships)


def unsubscribe_url(user, language):
    with translation.override(language):
        path = reverse("members:unsubscribe", args=[unsubscribe_token(user)])
    return settings.PORTAL_URL + path


def render_message(issue, user, language):
    """The issue as ``user`` receives it, in ``language``; also the admin's preview."""
    with translation.override(language):
        link = unsubscribe_url(user, language)
        subject = localized(issue, "subject", language).text
        body = render_to_string(
            "members/email/news_message.txt",
            {"issue": issue, "body": localized(issue, "body", language).text, "unsubscribe_url": link},
        )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            # RFC 8058: mail programs may unsubscribe with one POST, without opening a page.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def queue(issue):
    """Mark a draft issue for sending; the next ``send_news`` run sends it."""
    updated = NewsIssue.objects.filter(pk=issue.pk, status=NewsIssue.Status.DRAFT).update(
        status=NewsIssue.Status.QUEUED, queued_at=timezone.now()
    )
    return bool(updated)


def create_deliveries(issue):
    """One pending delivery per current recipient; existing rows are left as they are."""
    NewsDelivery.objects.bulk_create(
        [
            NewsDelivery(issue=issue, user=user, email=user.email, language=user.language)
            for user in recipients().iterator()
        ],
        ignore_conflicts=True,
        batch_size=1000,
    )


def send_batch(issue, size=BATCH_SIZE):
    """Send up to ``size`` pending deliveries of ``issue``; return how many were tried.

    The rows are locked (skipping rows another run holds) and marked in the
    same transaction, so each delivery is attempted once even when two runs
    overlap. The transaction lasts one batch, which is why batches are small.
    """
    with transaction.atomic():
        batch = list(
            NewsDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(issue=issue, status=NewsDelivery.Status.PENDING)
            .select_related("user__membership")
            .order_by("pk")[:size]
        )
        if not batch:
            return 0
        with mailers.default as connection:
            for delivery in batch:
                try:
                    connection.send_messages([render_message(issue, delivery.user, delivery.language)])
                except Exception as error:  # One bad address must not stop the others.
                    # The log names the delivery, never the address: an SMTP error's text quotes the address too.
                    logger.warning(
                        "E-mail news %s: delivery %s (user %s) failed: %s",
                        issue.pk,
                        delivery.pk,
                        delivery.user_id,
                        type(error).__name__,
                    )
                    delivery.status = NewsDelivery.Status.FAILED
                    delivery.error = str(error)[:1000]
                else:
                    delivery.status = NewsDelivery.Status.SENT
                    delivery.sent_at = timezone.now()
        NewsDelivery.objects.bulk_update(batch, ["status", "error", "sent_at"])
    return len(batch)


def send_issue(issue, batch_size=BATCH_SIZE):
    """Send a queued issue to everyone who has not had it yet, and record the counts."""
    create_deliveries(issue)
    while send_batch(issue, batch_size):
        pass
    counts = issue.deliveries.aggregate(
        sent=Count("pk", filter=Q(status=NewsDelivery.Status.SENT)),
        failed=Count("pk", filter=Q(status=NewsDelivery.Status.FAILED)),
        pending=Count("pk", filter=Q(status=NewsDelivery.Status.PENDING)),
    )
    issue.sent_count = counts["sent"]
    issue.failed_count = counts["failed"]
    if not counts["pending"]:
        issue.status = NewsIssue.Status.SENT
        issue.finished_at = timezone.now()
    issue.save(update_fields=["sent_count", "failed_count", "status", "finished_at"])
    return issue


def send_queued(batch_size=BATCH_SIZE):
    """Send every queued issue, oldest first; return them."""
    issues = list(NewsIssue.objects.filter(status=NewsIssue.Status.QUEUED).order_by("queued_at"))
    return [send_issue(issue, batch_size) for issue in issues]
