"""Two runs of the sending command at once send each person each e-mail once."""

import threading
from collections import Counter

import pytest
from django.core import mail
from django.db import connection

from events import changes
from events.models import ChangeNotice, EventMessage
from tests.events.conftest import make_event, make_registration
from tests.events.mail_helpers import send_event_mail

PEOPLE = 12
RUNS = 3


# A real transaction per thread; serialized_rollback puts back the reference data that the
# migrations loaded, which flushing after the test would otherwise leave empty for later tests.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_simultaneous_runs_send_every_notice_and_message_once():
    event = make_event()
    people = [make_registration(event, language="en" if number % 2 else "ja") for number in range(PEOPLE)]
    changes.cancel_event(event)
    EventMessage.objects.create(
        event=event, subject_en="Refunds", body_en="Fees are refunded.", status=EventMessage.Status.QUEUED
    )
    start = threading.Barrier(RUNS)
    errors = []

    def run():
        try:
            start.wait()
            send_event_mail(batch_size=2)
        except Exception as error:  # Any failure is reported by the assertion below.
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(RUNS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    received = Counter((message.to[0], "Refunds" in message.subject) for message in mail.outbox)
    assert received == Counter({(person.email, kind): 1 for person in people for kind in (False, True)})
    assert ChangeNotice.objects.get().status == ChangeNotice.Status.SENT
    assert EventMessage.objects.get().status == EventMessage.Status.SENT
