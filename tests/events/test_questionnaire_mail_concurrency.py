"""Two runs of the sending command at once send each attendee the questionnaire once, and two answers sent
at once through one link keep one."""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from events import questionnaires
from events.models import QuestionnaireInvitation, QuestionnaireResponse
from tests.events.mail_helpers import send_event_mail
from tests.events.questionnaire_helpers import attendee, held_event, invitation_of, make_questionnaire, question

PEOPLE = 12
RUNS = 3


def at_once(work):
    """Run ``work`` in RUNS threads started together; return the errors they raised."""
    start = threading.Barrier(RUNS)
    errors = []

    def run():
        try:
            start.wait()
            work()
        except Exception as error:  # Any failure is reported by the caller's assertion.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


# A real transaction per thread; serialized_rollback puts back the reference data that the migrations loaded.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_runs_send_each_attendee_the_questionnaire_once():
    event = held_event()
    people = [attendee(event, language="en" if number % 2 else "ja") for number in range(PEOPLE)]
    make_questionnaire(event)

    assert at_once(lambda: send_event_mail(batch_size=2)) == []
    assert Counter(message.to[0] for message in mail.outbox) == Counter({person.email: 1 for person in people})
    assert set(QuestionnaireInvitation.objects.values_list("status", flat=True)) == {"sent"}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_answers_through_one_link_keep_one():
    event = held_event()
    questionnaire = make_questionnaire(event)
    invitation = invitation_of(questionnaire, attendee(event))
    rating = question(questionnaire, "Overall satisfaction").pk

    errors = at_once(lambda: questionnaires.submit(invitation, {rating: 4}))

    assert QuestionnaireResponse.objects.count() == 1
    assert [type(error) for error in errors] == [questionnaires.QuestionnaireRefused] * (RUNS - 1)
