"""Event registrations as personal data: their sections of a person's data (``members.personal_data``): the
registrations with their check-ins, and the answers to the events' registration questions; and the removal
of the registrant's personal data, which keeps the registration (and so the event's counts) without it.

Removal takes the name, address and affiliation, from the registration's history and consent too and from
the e-mails sent to the registrant about the event (``EventMailDelivery``), and deletes the answers that
are the person's own words (short and long text: dietary needs, say). Answers chosen among the options,
and yes or no, stay with the anonymous registration, as the event's figures; so does its check-in.

A named questionnaire's answers are the person's too: the download holds them, and removal deletes those in
their own words as it does registration answers; the questionnaire e-mail's name and address go as the other
e-mails' do. Anonymous answers hold no person and are left alone. A certificate of attendance keeps only its
reference and date, with the anonymous registration.

Removal happens when the registrant closes their account (upcoming places are cancelled first, so that
they go to the waiting list) and, for public registrants, some time after the event (``members.retention``).
"""

from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext_lazy as _

from events import registrations as registration_flow
from events.models import (
    Certificate,
    EventMailDelivery,
    PendingRegistration,
    QuestionnaireAnswer,
    QuestionnaireInvitation,
    Registration,
    RegistrationAnswer,
)
from events.questions import CHOICE_KINDS, QuestionKind, SurveyKind
from members.models import Consent
from members.personal_data import any_address, section, verified_addresses

REMOVED_DOMAIN = "removed.invalid"  # RFC 2606: a name that can never receive mail.
# Answers that only pick among the question's options; every other kind holds the person's own words.
ANONYMOUS_ANSWER_KINDS = CHOICE_KINDS | {QuestionKind.YES_NO}
# The same for a questionnaire's questions, which may also ask for a rating.
ANONYMOUS_SURVEY_KINDS = {*ANONYMOUS_ANSWER_KINDS, SurveyKind.RATING}


def removed_address(registration):
    """Unique per registration, since an event takes one active registration per address."""
    return f"registration-{registration.pk}@{REMOVED_DOMAIN}"


def remove_personal_data(registrations, now):
    """Remove the personal data of ``registrations`` (see the module's docstring), revoking their manage
    links; returns how many there were."""
    found = list(registrations.filter(personal_data_removed_at__isnull=True).only("pk", "consent_id"))
    for registration in found:
        registration.name = ""
        registration.email = removed_address(registration)
        registration.affiliation = ""
        registration.renew_manage_key()
        registration.personal_data_removed_at = now
    Registration.objects.bulk_update(
        found, ["name", "email", "affiliation", "manage_key", "personal_data_removed_at"], batch_size=500
    )
    for registration in found:
        Registration.history.filter(id=registration.pk).update(name="", email=registration.email, affiliation="")
        if registration.consent_id:
            Consent.objects.filter(pk=registration.consent_id).update(email=registration.email)
    pks = [registration.pk for registration in found]
    RegistrationAnswer.objects.filter(registration__in=pks).exclude(question__kind__in=ANONYMOUS_ANSWER_KINDS).delete()
    QuestionnaireAnswer.objects.filter(response__registration__in=pks).exclude(
        question__kind__in=ANONYMOUS_SURVEY_KINDS
    ).delete()
    # The error of a failed sending may quote the address too.
    removed = Concat(Value("registration-"), Cast("registration_id", CharField()), Value(f"@{REMOVED_DOMAIN}"))
    EventMailDelivery.objects.filter(registration__in=pks).update(name="", email=removed, error="")
    QuestionnaireInvitation.objects.filter(registration__in=pks).update(name="", email=removed, error="")
    return len(found)


def _own_registrations(user, addresses):
    return Registration.objects.filter(Q(user=user) | any_address(addresses))


def _close(closing):
    """Cancel the places still ahead (the waiting list moves up), then remove the personal data of every
    registration of the account or of its verified addresses, and drop unconfirmed requests."""
    own = _own_registrations(closing.user, closing.addresses)
    for registration in own.active().filter(event__ends_at__gt=closing.now).select_related("event"):
        registration_flow.cancel(registration, base_url=settings.PORTAL_URL)
    remove_personal_data(own, closing.now)
    PendingRegistration.objects.filter(any_address(closing.addresses)).delete()


@section(
    "event_registrations",
    _("Event registrations"),
    order=60,
    close=_close,
    fields=[
        ("event", _("Event")),
        ("starts_at", _("Starts")),
        ("status", _("Status")),
        ("name", _("Name")),
        ("email", _("E-mail address")),
        ("affiliation", _("Affiliation")),
        ("language", _("Language of our e-mails")),
        ("registered_at", _("Registered")),
        ("promoted_at", _("Moved up from the waiting list")),
        ("cancelled_at", _("Cancelled")),
        ("attended", _("Attended")),
        ("checked_in_at", _("Time of check-in")),
    ],
)
def event_registrations(user):
    found = (
        _own_registrations(user, verified_addresses(user))
        .select_related("event", "check_in")
        .order_by("event__starts_at", "created_at", "pk")
    )
    rows = []
    for registration in found:
        check_in = registration.check_in if registration.is_checked_in else None
        rows.append(
            {
                "event": str(registration.event),
                "starts_at": registration.event.starts_at,
                "status": registration.get_status_display(),
                "name": registration.name,
                "email": registration.email,
                "affiliation": registration.affiliation,
                "language": registration.get_language_display(),
                "registered_at": registration.created_at,
                "promoted_at": registration.promoted_at,
                "cancelled_at": registration.cancelled_at,
                "attended": check_in.get_mode_display() if check_in else "",
                "checked_in_at": check_in.checked_in_at if check_in else None,
            }
        )
    return rows


@section(
    "event_registration_answers",
    _("Answers to events' registration questions"),
    order=61,
    fields=[("event", _("Event")), ("question", _("Question")), ("answer", _("Answer"))],
)
def event_registration_answers(user):
    answers = (
        RegistrationAnswer.objects.filter(registration__in=_own_registrations(user, verified_addresses(user)))
        .select_related("registration__event", "question")
        .order_by("registration__event__starts_at", "registration__created_at", "registration", "question__order")
    )
    return [
        {"event": str(answer.registration.event), "question": str(answer.question), "answer": answer.text}
        for answer in answers
    ]


@section(
    "event_emails_received",
    _("E-mails about events you registered for"),
    order=62,
    fields=[
        ("event", _("Event")),
        ("subject", _("Subject")),
        ("email", _("Sent to")),
        ("status", _("Status")),
        ("sent_at", _("Sent")),
    ],
)
def event_emails_received(user):
    deliveries = (
        EventMailDelivery.objects.filter(registration__in=_own_registrations(user, verified_addresses(user)))
        .select_related("registration__event", "notice__event", "message")
        .order_by("pk")
    )
    return [
        {
            "event": str(delivery.registration.event),
            "subject": str(delivery.notice or delivery.message),
            "email": delivery.email,
            "status": delivery.get_status_display(),
            "sent_at": delivery.sent_at,
        }
        for delivery in deliveries
    ]


@section(
    "event_questionnaire_answers",
    _("Answers to events' questionnaires (those kept with your name)"),
    order=63,
    fields=[("event", _("Event")), ("question", _("Question")), ("answer", _("Answer")), ("answered", _("Answered"))],
)
def event_questionnaire_answers(user):
    answers = (
        QuestionnaireAnswer.objects.filter(
            response__registration__in=_own_registrations(user, verified_addresses(user))
        )
        .select_related("response", "question__questionnaire__event")
        .order_by("response__submitted_at", "response", "question__order", "question__pk")
    )
    return [
        {
            "event": str(answer.question.questionnaire.event),
            "question": str(answer.question),
            "answer": answer.text,
            "answered": answer.response.submitted_at,
        }
        for answer in answers
    ]


@section(
    "certificates_of_attendance",
    _("Certificates of attendance"),
    order=64,
    fields=[("event", _("Event")), ("reference", _("Verification reference")), ("issued_at", _("Issued"))],
)
def certificates_of_attendance(user):
    certificates = (
        Certificate.objects.filter(registration__in=_own_registrations(user, verified_addresses(user)))
        .select_related("registration__event")
        .order_by("issued_at", "pk")
    )
    return [
        {
            "event": str(certificate.registration.event),
            "reference": certificate.reference,
            "issued_at": certificate.issued_at,
        }
        for certificate in certificates
    ]
