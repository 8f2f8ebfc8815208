"""Staff's download of registrations as CSV: who registered, their status and dates, and their answers.

One column per question of the events exported, headed by the question (and, when the file holds several
events, by the event's title too); choices are written as their labels, in the language staff read the admin
in. The file is UTF-8 with a byte-order mark, so that spreadsheet programs read Japanese correctly, and
every download is recorded in ``DataExport``, as members' downloads are: it holds people's details.
"""

import csv
import io
from urllib.parse import urlencode

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from consortium.bilingual import current_language
from consortium.models import DataExport
from events.models import RegistrationQuestion
from search.exports import neutralised

DATE_FORMAT = "%Y-%m-%d %H:%M"


def _when(moment):
    return timezone.localtime(moment).strftime(DATE_FORMAT) if moment else ""


def _columns():
    return [
        gettext("event"),
        gettext("name"),
        gettext("e-mail address"),
        gettext("affiliation"),
        gettext("status"),
        gettext("language"),
        gettext("registered"),
        gettext("moved up from the waiting list"),
        gettext("cancelled on"),
    ]


def table(registrations):
    """The header and the rows of the file for ``registrations`` (a queryset), in event and arrival order."""
    rows = list(
        registrations.select_related("event")
        .prefetch_related("answers")
        .order_by("event__starts_at", "event_id", "created_at", "pk")
    )
    event_ids = {registration.event_id for registration in rows}
    questions = list(
        RegistrationQuestion.objects.filter(event__in=event_ids)
        .select_related("event")
        .order_by("event__starts_at", "event_id", "order", "pk")
    )
    several_events = len(event_ids) > 1
    header = _columns() + [
        f"{question.event.title}: {question.label}" if several_events else str(question.label)
        for question in questions
    ]
    body = []
    for registration in rows:
        answers = {answer.question_id: answer.value for answer in registration.answers.all()}
        body.append(
            [
                registration.event.title,
                registration.name,
                registration.email,
                registration.affiliation,
                registration.get_status_display(),
                registration.language,
                _when(registration.created_at),
                _when(registration.promoted_at),
                _when(registration.cancelled_at),
                *(question.answer_text(answers.get(question.pk)) for question in questions),
            ]
        )
    return header, body, sorted(event_ids)


def csv_response(request, registrations):
    """The registrations as a CSV download, recorded as an export by ``request.user``."""
    header, rows, event_ids = table(registrations)
    DataExport.objects.create(
        user=request.user,
        user_email=request.user.email,
        kind=DataExport.Kind.REGISTRATIONS,
        format=DataExport.Format.CSV,
        language=current_language(),
        query_string=urlencode([("event", pk) for pk in event_ids])[:2000],
        row_count=len(rows),
    )
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([neutralised(cell) for cell in header])
    for row in rows:
        writer.writerow([neutralised(str(cell)) for cell in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    stem = f"jcic-heritage-registrations-{timezone.localtime():%Y%m%d-%H%M}"
    response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
    return response
