"""Saved searches' e-mail alerts: which are due, claiming them, the e-mail, and one-click unsubscribing.

``manage.py send_search_alerts`` (run by a timer) claims the due searches a batch at a time: in one short
transaction it locks them, skipping rows another run holds, and moves each one's next alert a period on.
Then, outside any transaction, it checks each one (``check``). Two runs at once never claim the same
search, and a claimed search is not due again until its next period, so an alert goes out once. If a run
stops after claiming, that period's alert is lost, but what it would have listed is not: the matches are
recorded as seen only after the e-mail is sent, so the next alert lists them.

A check runs the search under the access rule for the member at that moment (``search.watch.viewer``).
A member who may no longer use the database gets nothing, and what they have seen stays as it was.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from members.access import can_use_database
from search import watch
from search.models import SavedSearch
from search.saved import KINDS, period_after

logger = logging.getLogger(__name__)

BATCH_SIZE = 50
LISTED = 30
"""An alert lists at most this many of the new records, newest first, and links to the search for the rest."""

UNSUBSCRIBE_SALT = "search.saved.unsubscribe"


def due(now):
    return SavedSearch.objects.filter(next_alert_at__lte=now).exclude(alerts=SavedSearch.Alerts.NONE)


def next_due(saved, now):
    """The alert after the one due at ``saved.next_alert_at``: a period on, keeping the member's rhythm,
    or a period from ``now`` when the timer has not run for longer than that."""
    following = period_after(saved.next_alert_at, saved.alerts)
    return following if following > now else period_after(now, saved.alerts)


def claim(now, size=BATCH_SIZE):
    """Up to ``size`` searches due at ``now``, each with its next alert moved on, committed: this run's to check."""
    with transaction.atomic():
        batch = list(
            due(now)
            .select_for_update(skip_locked=True, of=("self",))
            .select_related("user__membership")
            .order_by("next_alert_at", "pk")[:size]
        )
        for saved in batch:
            saved.next_alert_at = next_due(saved, now)
        SavedSearch.objects.bulk_update(batch, ["next_alert_at"])
    return batch


@dataclass
class Outcome:
    sent: bool = False
    new: int = 0
    skipped: bool = False
    failed: bool = False


def _member_now(saved):
    """The claimed search's member as they are now, or None when the search is gone: a batch is checked
    one search after another, and meanwhile a member may delete a search, end their membership or close
    their account (which deletes their searches and the address the claim read)."""
    current = SavedSearch.objects.filter(pk=saved.pk).select_related("user__membership").first()
    return current.user if current is not None else None


def check(saved, base_url, now=None):
    """Run a claimed search for its member now; e-mail what is new, and record it as seen."""
    now = now or timezone.now()
    user = _member_now(saved)
    if user is None or not can_use_database(user):
        return Outcome(skipped=True)
    saved.user = user
    reader = watch.viewer(user)
    [matches] = watch.matching_now([(saved, reader)])
    new = watch.new_ids(saved, matches)
    outcome = Outcome(new=len(new))
    if new:
        try:
            alert_message(saved, reader, new, base_url).send()
        except Exception as error:  # One bad address must not stop the others; the next alert lists these.
            # The log names the search, never the address: an SMTP error's text quotes the address too.
            logger.warning("Alert of saved search %s (user %s) failed: %s", saved.pk, user.pk, type(error).__name__)
            return Outcome(new=len(new), failed=True)
        outcome.sent = True
    watch.mark_seen(saved, matches, at=now)
    fields = {"seen_ids": saved.seen_ids, "seen_from_id": saved.seen_from_id, "seen_at": saved.seen_at}
    if outcome.sent:
        fields["last_sent_at"] = now
    # Only these fields: the member may have renamed the search, or turned its alerts off, meanwhile.
    SavedSearch.objects.filter(pk=saved.pk).update(**fields)
    return outcome


def send_due(base_url, batch_size=BATCH_SIZE, now=None):
    """Check every search due now, a batch at a time; return the outcomes."""
    now = now or timezone.now()
    outcomes = []
    while batch := claim(now, batch_size):
        outcomes += [check(saved, base_url, now) for saved in batch]
    return outcomes


# The e-mail -------------------------------------------------------------------------------------


def alert_message(saved, reader, new, base_url):
    """The alert for ``saved`` listing the records of ``new`` (ids, newest first), in the member's language."""
    user = saved.user
    language = user.language
    kind = KINDS[saved.kind]
    with translation.override(language):
        records = kind.model.objects.visible_to(reader).brief().filter(pk__in=new[:LISTED]).order_by("-pk")
        context = {
            "saved": saved,
            "kind": saved.get_kind_display(),
            "count": len(new),
            "records": [
                (record.heading.text, base_url + record.get_absolute_url(), _note(record.heading, language))
                for record in records
            ],
            "more": max(0, len(new) - LISTED),
            "search_url": base_url + saved.get_absolute_url(),
            "account_url": base_url + reverse("members:home"),
            "unsubscribe_url": unsubscribe_url(saved, base_url),
            "frequency": saved.get_alerts_display(),
        }
        subject = render_to_string("search/email/alert_subject.txt", context)
        body = render_to_string("search/email/alert_message.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    return EmailMessage(
        subject=prefix + " ".join(subject.split()),
        body=body,
        to=[user.email],
        headers={
            "List-Unsubscribe": f"<{context['unsubscribe_url']}>",
            # RFC 8058: mail programs may turn the alerts off with one POST, without opening a page.
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _note(heading, language):
    """ "(in Japanese)" after a title shown in the other of the site's languages, as the site's pages say it."""
    if not heading.is_fallback or heading.language == language:
        return ""
    return {"ja": gettext("(in Japanese)"), "en": gettext("(in English)")}.get(heading.language, "")


# Unsubscribing ----------------------------------------------------------------------------------


def unsubscribe_token(saved):
    """A signed token naming the saved search and its member: the link turns its alerts off."""
    return signing.dumps([saved.pk, saved.user_id], salt=UNSUBSCRIBE_SALT)


def unsubscribe_url(saved, base_url):
    return base_url + reverse("saved_searches:unsubscribe", args=[unsubscribe_token(saved)])


def saved_search_from_token(token):
    """The saved search the token was made for, or None when it was altered or the search deleted."""
    try:
        pk, user_pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    return SavedSearch.objects.filter(pk=pk, user_id=user_pk).select_related("user").first()


def turn_alerts_off(saved):
    SavedSearch.objects.filter(pk=saved.pk).update(alerts=SavedSearch.Alerts.NONE, next_alert_at=None)
    saved.alerts, saved.next_alert_at = SavedSearch.Alerts.NONE, None
