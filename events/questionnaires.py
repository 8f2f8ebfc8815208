"""The questionnaire after an event: opening it, sending it to the attendees, taking their answers.

Who is sent it: the event's attendees by the rule of ``RegistrationQuerySet.checked_in`` (checked in at the
door, or marked by staff as attending online from the desk's list), whose registration is not cancelled.

``send_event_mail`` (run by a timer) sends it once staff have opened it and the event is over, until it
closes. Each run first makes a pending ``QuestionnaireInvitation`` for each attendee who has none yet (people
checked in afterwards, online attendance marked the next day, are invited by a later run), which claims
the e-mail; then it sends the pending ones in batches, each batch's rows locked (skipping those another run
holds) and marked sent or failed in the same transaction, so that two runs at once send nothing twice.

Each e-mail carries a personal link: the invitation's random key, signed with the project's secret key (a
copy of the database alone cannot make a working link, and a forged one is refused before any look-up).
The link needs no sign-in and takes one answer.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage, mailers
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.models import (
    Questionnaire,
    QuestionnaireAnswer,
    QuestionnaireInvitation,
    QuestionnaireResponse,
    Registration,
)

logger = logging.getLogger(__name__)

BATCH_SIZE = 100
SIGNING_SALT = "events.questionnaire"
SIGNATURE_SEPARATOR = "."


class QuestionnaireRefused(Exception):
    """Why a questionnaire cannot be opened, or answered: ``code`` for the page, ``message`` for the person."""

    def __init__(self, code, message=""):
        super().__init__(code)
        self.code = code
        self.message = message


def attendees(questionnaire):
    """The registrations the questionnaire goes to."""
    return questionnaire.event.registrations.checked_in().exclude(status=Registration.Status.CANCELLED)


# Opening -------------------------------------------------------------------------------------------------


def open_questionnaire(questionnaire, user, now=None):
    """Mark a questionnaire open, so that it is sent once the event is over. Raises QuestionnaireRefused."""
    now = now or timezone.now()
    if not questionnaire.questions.exists():
        raise QuestionnaireRefused("no_questions", gettext("Add at least one question before opening it."))
    if questionnaire.closes_at <= now:
        raise QuestionnaireRefused(
            "closed", gettext("Its closing date has passed: set a later one before opening it.")
        )
    opened = Questionnaire.objects.filter(pk=questionnaire.pk, status=Questionnaire.Status.DRAFT).update(
        status=Questionnaire.Status.OPEN, opened_at=now, opened_by=user
    )
    if not opened:
        raise QuestionnaireRefused("already_open", gettext("This questionnaire is already open."))
    questionnaire.refresh_from_db(fields=["status", "opened_at", "opened_by"])


# Links -------------------------------------------------------------------------------------------------


def _signer():
    return signing.Signer(salt=SIGNING_SALT, sep=SIGNATURE_SEPARATOR)


def token(invitation):
    return _signer().sign(invitation.key)


def invitation_for_token(text):
    """The invitation a link's token names; None when it was altered, or names none."""
    try:
        key = _signer().unsign(text)
    except signing.BadSignature:
        return None
    return QuestionnaireInvitation.objects.for_key(key)


def answer_path(invitation):
    """The personal link's path, in the invited person's language."""
    with translation.override(invitation.language):
        return reverse("events:questionnaire", args=[token(invitation)])


# Sending -------------------------------------------------------------------------------------------------


def invite(questionnaire):
    """Claim an e-mail for each attendee not yet invited; returns how many were added."""
    invited = questionnaire.invitations.values("registration_id")
    made = QuestionnaireInvitation.objects.bulk_create(
        [
            QuestionnaireInvitation(
                questionnaire=questionnaire,
                registration=registration,
                name=registration.name,
                email=registration.email,
                language=registration.language,
            )
            for registration in attendees(questionnaire).exclude(pk__in=invited).order_by("pk")
        ],
        ignore_conflicts=True,  # another run invited them meanwhile
        batch_size=1000,
    )
    return len(made)


def _subject(text):
    return getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "") + " ".join(text.split())


def invitation_email(invitation, base_url):
    """The e-mail asking ``invitation``'s attendee to answer, in their language."""
    questionnaire = invitation.questionnaire
    with translation.override(invitation.language):
        context = {
            "invitation": invitation,
            "questionnaire": questionnaire,
            "event": questionnaire.event,
            "answer_url": base_url + answer_path(invitation),
        }
        subject = render_to_string("events/email/questionnaire_subject.txt", context)
        body = render_to_string("events/email/questionnaire.txt", context)
    return EmailMessage(subject=_subject(subject), body=body, to=[invitation.email])


def send_batch(questionnaire, base_url, size=BATCH_SIZE, now=None):
    """Send up to ``size`` pending e-mails of ``questionnaire`` over one connection: (handled, sent)."""
    with transaction.atomic():
        batch = list(
            QuestionnaireInvitation.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(questionnaire=questionnaire, status=QuestionnaireInvitation.Status.PENDING)
            .select_related("questionnaire__event")
            .order_by("pk")[:size]
        )
        if not batch:
            return 0, 0
        still = set(
            attendees(questionnaire)
            .filter(pk__in=[invitation.registration_id for invitation in batch])
            .values_list("pk", flat=True)
        )
        sent = 0
        open_now = questionnaire.takes_answers(now)
        with mailers.default as connection:
            for invitation in batch:
                if not open_now or invitation.registration_id not in still:
                    invitation.status = QuestionnaireInvitation.Status.SKIPPED
                    continue
                try:
                    connection.send_messages([invitation_email(invitation, base_url)])
                except Exception as error:  # One bad address must not stop the others.
                    # The log names the invitation, never the address, which an SMTP error quotes.
                    logger.warning(
                        "Questionnaire %s: invitation %s failed: %s",
                        questionnaire.pk,
                        invitation.pk,
                        type(error).__name__,
                    )
                    invitation.status = QuestionnaireInvitation.Status.FAILED
                    invitation.error = str(error)[:1000]
                else:
                    invitation.status = QuestionnaireInvitation.Status.SENT
                    invitation.sent_at = timezone.now()
                    sent += 1
        QuestionnaireInvitation.objects.bulk_update(batch, ["status", "error", "sent_at"])
    return len(batch), sent


def send(questionnaire, base_url, batch_size=BATCH_SIZE):
    """Invite the attendees not yet invited and send every pending e-mail; returns how many were sent."""
    invite(questionnaire)
    sent = 0
    while True:
        handled, sent_now = send_batch(questionnaire, base_url, batch_size)
        if not handled:
            return sent
        sent += sent_now


def send_due(base_url, batch_size=BATCH_SIZE, now=None):
    """Send every open questionnaire of an event that is over: [(questionnaire, sent in this run)]."""
    return [
        (questionnaire, send(questionnaire, base_url, batch_size))
        for questionnaire in Questionnaire.objects.to_send(now).select_related("event")
    ]


# Answering -----------------------------------------------------------------------------------------------


def refusal(invitation, now=None):
    """Why the invitation's link takes no answer now ("answered", "closed"), or None when it does."""
    if invitation.answered:
        return "answered"
    if not invitation.questionnaire.takes_answers(now):
        return "closed"
    return None


def submit(invitation, answers, now=None):
    """Keep ``answers`` (``{question pk: value}``, as ``AnswersFormMixin.answers`` gives them) as the invited
    person's one response; anonymous questionnaires keep them without the person. Raises QuestionnaireRefused.
    """
    now = now or timezone.now()
    with transaction.atomic():
        # The lock makes two submissions of the same link at once answer once.
        invitation = (
            QuestionnaireInvitation.objects.select_for_update(of=("self",))
            .select_related("questionnaire")
            .get(pk=invitation.pk)
        )
        problem = refusal(invitation, now)
        if problem is not None:
            raise QuestionnaireRefused(problem)
        questionnaire = invitation.questionnaire
        if questionnaire.anonymous:
            response = QuestionnaireResponse.objects.create(questionnaire=questionnaire)
        else:
            response = QuestionnaireResponse.objects.create(
                questionnaire=questionnaire, registration_id=invitation.registration_id, submitted_at=now
            )
        QuestionnaireAnswer.objects.bulk_create(
            [
                QuestionnaireAnswer(response=response, question_id=question_id, value=value)
                for question_id, value in answers.items()
            ]
        )
        invitation.answered = True
        invitation.save(update_fields=["answered"])
    return response
