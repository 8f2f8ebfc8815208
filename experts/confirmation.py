"""Once a year each claimed record asks its expert, by e-mail, to confirm it or update it.

A record is due when its expert (a member keeping it, ``Expert.user``, with an active membership) has
not confirmed it for a year (``Expert.confirmed_at``, a date: never, or a year ago or more) and was not
asked in the last ``EXPERT_CONFIRMATION_ASK_AGAIN_DAYS`` days (``Expert.confirmation_asked_at``). The
command ``ask_experts_to_confirm`` runs ``ask_due_experts`` from a timer: each record is claimed (its
``confirmation_asked_at`` set) before its e-mail is sent, in one transaction per record, so two runs at
once never ask twice and a failed sending leaves the record due for the next run.

The e-mail's link carries a signed token naming the record and its member; its page confirms with one
click, without signing in, or leads to the edit form. Saving the form confirms too.
"""

from datetime import date, timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from experts import emails
from experts.models import Expert
from members.access import may_keep_expert_record
from members.models import Membership

TOKEN_SALT = "experts.confirmation"  # noqa: S105 (a signing salt, not a secret)
TOKEN_MAX_AGE = timedelta(days=90)


def a_year_before(day):
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return date(day.year - 1, 2, 28)


def unconfirmed_for_a_year(today=None):
    """Records whose expert has not confirmed them for a year: never, or a year ago or more."""
    cutoff = a_year_before(today or timezone.localdate())
    return Q(confirmed_at__isnull=True) | Q(confirmed_at__lte=cutoff)


def _due_record(now):
    """The conditions on the record's own row: kept by a member, unconfirmed for a year, not asked lately."""
    not_asked_lately = Q(confirmation_asked_at__isnull=True) | Q(
        confirmation_asked_at__lt=now - timedelta(days=settings.EXPERT_CONFIRMATION_ASK_AGAIN_DAYS)
    )
    return Q(user__isnull=False) & unconfirmed_for_a_year(timezone.localdate(now)) & not_asked_lately


def due_for_confirmation(now=None):
    """The claimed records whose experts are to be asked now (members still), oldest confirmation first."""
    now = now or timezone.now()
    return (
        Expert.objects.filter(_due_record(now))
        .filter(user__is_active=True, user__membership__status=Membership.Status.ACTIVE)
        .order_by("confirmed_at", "pk")
    )


def ask_due_experts(now=None, base_url=None):
    """E-mail each due record's expert; returns how many were asked."""
    now = now or timezone.now()
    asked = 0
    for pk in list(due_for_confirmation(now).values_list("pk", flat=True)):
        with transaction.atomic():
            # Claim the record before sending. The update's conditions are on the row itself, so a concurrent
            # run waits on the row and then finds it asked; if sending fails, the claim is rolled back with it.
            claimed = Expert.objects.filter(_due_record(now), pk=pk).update(confirmation_asked_at=now)
            if claimed:
                expert = Expert.objects.for_detail().select_related("user").get(pk=pk)
                emails.send_confirmation_request(
                    expert, confirmation_token(expert), link_days=TOKEN_MAX_AGE.days, base_url=base_url
                )
                asked += 1
    return asked


def confirmation_token(expert):
    """A signed, dated token naming the record and the member keeping it, for the e-mail's link."""
    return signing.dumps([expert.pk, expert.user_id], salt=TOKEN_SALT, compress=True)


def expert_from_token(token):
    """The record the token was made for, or None when it was altered or has expired, or the record is no
    longer kept by that member, or they may no longer keep it (their membership has ended)."""
    try:
        pk, user_pk = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    expert = Expert.objects.for_detail().select_related("user").filter(pk=pk, user_id=user_pk).first()
    if expert is None or not may_keep_expert_record(expert.user):
        return None
    return expert


def confirm(expert, user):
    """The expert says their record is still correct today; its history records who said so."""
    expert.confirmed_at = timezone.localdate()
    expert._history_user = user
    expert._change_reason = "Confirmed by the expert"
    expert.save(update_fields=["confirmed_at"])
