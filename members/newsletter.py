"""The members' e-mail news: who receives it, how it is sent, how one unsubscribes.

Staff queue an issue in the admin; ``manage.py send_news`` (run by a timer)
sends queued issues outside any web request. An issue goes to all members, or
to the members of the committees it is addressed to, as the rosters stand
when it is sent. Every recipient gets a
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
from django.db.models import Count, Exists, OuterRef, Q, prefetch_related_objects
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext, pgettext

from consortium.bilingual import localized
from consortium.link_secrets import new_secret
from members.models import CommitteeSeat, Membership, NewsDelivery, NewsIssue, User

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
UNSUBSCRIBE_SALT = "members.news.unsubscribe"
# Long enough for an old issue's link to work; a renewed key revokes links at once.
UNSUBSCRIBE_MAX_AGE = timedelta(days=365)


def recipients(issue):
    """Active members who asked for the e-mail news and, when ``issue`` is addressed to committees,
    sit on at least one of them: each person once, as the rosters stand now."""
    users = User.objects.filter(
        is_active=True, membership__status=Membership.Status.ACTIVE, membership__news_opt_in=True
    ).only("pk", "email", "language")
    if issue.committees.exists():
        # Exists, not a join through the seats: someone on two of the committees is still one recipient.
        seats = CommitteeSeat.objects.filter(user=OuterRef("pk"), committee__news_issues=issue)
        users = users.filter(Exists(seats))
    return users


def recipient_counts(issue):
    """How many people ``issue`` would reach if it were sent now: (language code, name, count) for each
    of the site's languages, in the site's order."""
    counts = dict(recipients(issue).order_by().values_list("language").annotate(count=Count("pk")))
    return [(code, name, counts.get(code, 0)) for code, name in settings.LANGUAGES]


def committee_names(issue):
    """The committees ``issue`` is addressed to, named as one list in the active language; empty when
    it is for all members. Reads ``committees.all()``, so a prefetch serves it."""
    return pgettext("between the names of committees", ", ").join(
        committee.name for committee in issue.committees.all()
    )


def addressed_to(issue):
    """The footer line saying which committees ``issue`` was sent to, in the active language;
    empty for an issue to all members, which the e-mail's footer already describes."""
    committees = issue.committees.all()
    if not committees:
        return ""
    return ngettext(
        "Sent to the members of the %(committees)s.",
        "Sent to the members of these committees: %(committees)s.",
        len(committees),
    ) % {"committees": committee_names(issue)}


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
            {
                "issue": issue,
                "body": localized(issue, "body", language).text,
                "addressed_to": addressed_to(issue),
                "unsubscribe_url": link,
            },
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
    """One pending delivery per current recipient; rows already sent or failed are left as they are.

    A run that resumes an interrupted send asks again who the recipients are: someone who has
    since joined an addressed committee is added, and the pending row of someone who has left it
    (or unsubscribed, or been suspended) is dropped. A row another run is sending is locked, and
    once sent no longer pending, so the deletion never takes back a message on its way.
    """
    issue.deliveries.filter(status=NewsDelivery.Status.PENDING).exclude(
        user__in=recipients(issue).values("pk")
    ).delete()
    NewsDelivery.objects.bulk_create(
        [
            NewsDelivery(issue=issue, user=user, email=user.email, language=user.language)
            for user in recipients(issue).iterator()
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
    # Every message names the committees in its footer: read them once, not once per message.
    prefetch_related_objects([issue], "committees")
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
