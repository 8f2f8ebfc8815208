"""E-mails about membership applications: "application received" to the applicant and a notice to
the secretariat when one arrives, and the secretariat's daily digest of applications waiting too long.

An application arrives when the applicant has verified their e-mail address, not when the sign-up
form is posted: a form a bot fills in never reaches the secretariat.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from members.models import ApplicationDigest, Membership, User
from members.roles import SECRETARIAT

FALLBACK_LANGUAGE = "ja"


def secretariat_recipients():
    """(address, language) of each person told of applications.

    The active staff in the Secretariat role (its group, ``members.roles``), each in their own language;
    when it has none (or does not exist), the addresses of ``SECRETARIAT_EMAILS``,
    in the language of the account with that address if there is one, else Japanese.
    """
    staff = list(
        User.objects.filter(groups__name=SECRETARIAT, is_active=True, is_staff=True)
        .exclude(email="")
        .order_by("email")
        .values_list("email", "language")
        .distinct()
    )
    if staff:
        return staff
    addresses = settings.SECRETARIAT_EMAILS
    languages = dict(
        User.objects.annotate(address=Lower("email"))
        .filter(address__in=[address.lower() for address in addresses])
        .values_list("address", "language")
    )
    return [(address, languages.get(address.lower()) or FALLBACK_LANGUAGE) for address in addresses]


def _send(address, language, template, context):
    """E-mail ``members/email/<template>_subject.txt`` and ``_message.txt`` to ``address`` in ``language``."""
    with translation.override(language):
        context = {**context, "members_url": settings.PORTAL_URL + reverse("members:home")}
        subject = render_to_string(f"members/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"members/email/{template}_message.txt", context)
    EmailMessage(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, to=[address]).send()


def _admin_url(membership):
    return settings.PORTAL_URL + reverse("admin:members_membership_change", args=[membership.pk])


def announce_application(membership):
    """Tell the applicant their application was received, and the secretariat that it arrived.

    Once per application: returns False, sending nothing, when the membership
    is not an application or was announced already. The e-mails leave once the
    transaction commits.
    """
    claimed = Membership.objects.filter(
        pk=membership.pk, status=Membership.Status.APPLIED, secretariat_notified_at=None
    ).update(secretariat_notified_at=timezone.now())
    if claimed:
        transaction.on_commit(lambda: send_application_notices(membership.pk))
    return bool(claimed)


def send_application_notices(membership_pk):
    membership = Membership.objects.select_related("user", "organization").get(pk=membership_pk)
    user = membership.user
    context = {"user": user, "membership": membership, "days": settings.APPLICATION_REMINDER_DAYS}
    _send(user.email, user.language, "application_received", context)
    context["admin_url"] = _admin_url(membership)
    for address, language in secretariat_recipients():
        _send(address, language, "application_arrived", context)


def waiting_applications(now=None):
    """Applications whose applicant verified their address and which wait longer than
    ``APPLICATION_REMINDER_DAYS``, oldest first."""
    from allauth.account.models import EmailAddress

    cutoff = (now or timezone.now()) - timedelta(days=settings.APPLICATION_REMINDER_DAYS)
    return (
        Membership.objects.filter(status=Membership.Status.APPLIED, applied_at__lt=cutoff)
        .filter(Exists(EmailAddress.objects.filter(user=OuterRef("user"), verified=True)))
        .select_related("user", "organization")
        .order_by("applied_at")
    )


def send_digest(now=None):
    """E-mail the secretariat the applications waiting too long, at most once a day.

    Returns the number of applications listed: 0 when none wait or today's
    digest went already. The day's row and the e-mails share one transaction,
    so a run that fails to send leaves the day open for the next run, and a
    concurrent run waits on the row and then sends nothing.
    """
    now = now or timezone.now()
    waiting = list(waiting_applications(now))
    if not waiting:
        return 0
    with transaction.atomic():
        _digest, created = ApplicationDigest.objects.get_or_create(
            day=timezone.localdate(now), defaults={"applications": len(waiting)}
        )
        if not created:
            return 0
        applications = [
            {"membership": membership, "days": (now - membership.applied_at).days, "admin_url": _admin_url(membership)}
            for membership in waiting
        ]
        list_url = settings.PORTAL_URL + reverse("admin:members_membership_changelist") + "?status__exact=applied"
        context = {"applications": applications, "list_url": list_url, "days": settings.APPLICATION_REMINDER_DAYS}
        for address, language in secretariat_recipients():
            _send(address, language, "applications_waiting", context)
    return len(waiting)
