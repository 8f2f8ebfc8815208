"""The members' e-mail news: who receives it, how it is sent, how one unsubscribes.

Staff queue an issue in the admin; ``manage.py send_news`` (run by a timer)
sends queued issues outside any web request. Every recipient gets a
``NewsDelivery`` row before anything is sent, unique per issue and person, so
a second run, or two runs at once, never sends a message twice.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.db.models import Count, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from consortium.bilingual import localized
from members.models import Membership, NewsDelivery, NewsIssue, User

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
UNSUBSCRIBE_SALT = "members.news.unsubscribe"


def recipients():
    """Active members who asked for the e-mail news."""
    return User.objects.filter(
        is_active=True, membership__status=Membership.Status.ACTIVE, membership__news_opt_in=True
    ).only("pk", "email", "language")


def unsubscribe_token(user):
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token):
    """The user the token was made for, or None when it was altered or the user is gone."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).select_related("membership").first()


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
            NewsDelivery.objects.select_for_update(skip_locked=True)
            .filter(issue=issue, status=NewsDelivery.Status.PENDING)
            .select_related("user")
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
