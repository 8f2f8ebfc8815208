"""A questionnaire's results: counted per question by the database, shown in the admin, downloaded as CSV.

- one choice, yes/no, a rating: how many answered each option (value), out of those who answered the
  question; a rating also has its average;
- several choices: how many chose each option, out of those who answered the question (the shares add up
  to more than 100 %);
- text: the answers themselves, listed.

The downloads are UTF-8 with a byte-order mark, so that spreadsheet programs read Japanese correctly, with
every cell that looks like a formula made text. The answers' file names the registrants of a questionnaire
that is not anonymous, so each download of it is recorded in ``DataExport``.
"""

import csv
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext

from consortium.bilingual import current_language
from consortium.models import DataExport
from events.models import QuestionnaireAnswer, QuestionnaireResponse, Registration
from events.questions import RATING, RATING_VALUES, QuestionKind, yes_no_label
from search.exports import neutralised

DATE_FORMAT = "%Y-%m-%d %H:%M"


@dataclass(frozen=True)
class Tally:
    label: str
    count: int
    # Out of those who answered the question, 0–100.
    percent: float

    @property
    def bar(self):
        """The bar's length in the chart, as an SVG length (a percentage with a dot, whatever the language)."""
        return f"{self.percent:.1f}%"


@dataclass
class QuestionResult:
    question: object
    answered: int = 0
    counts: list = field(default_factory=list)
    average: float | None = None
    texts: list = field(default_factory=list)

    @property
    def is_text(self):
        return self.question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)


def _percent(count, total):
    return round(100 * count / total, 1) if total else 0.0


def _grouped(answers):
    """{stored value: count} of ``answers`` whose value is a single JSON scalar, counted by the database."""
    return dict(answers.order_by().values_list("value").annotate(count=Count("pk")))


def _result(question):
    answers = QuestionnaireAnswer.objects.filter(question=question)
    result = QuestionResult(question)
    if result.is_text:
        result.texts = list(answers.order_by("pk").values_list("value", flat=True))
        result.answered = len(result.texts)
        return result
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        values = question.option_values()
        chose = {f"option_{n}": Count("pk", filter=Q(value__contains=[value])) for n, value in enumerate(values)}
        totals = answers.aggregate(answered=Count("pk"), **chose)
        result.answered = totals["answered"]
        labels = {option.value: option.label.text for option in question.option_list()}
        result.counts = [
            Tally(labels[value], totals[f"option_{n}"], _percent(totals[f"option_{n}"], result.answered))
            for n, value in enumerate(values)
        ]
        return result
    grouped = _grouped(answers)
    result.answered = sum(grouped.values())
    if question.kind == QuestionKind.YES_NO:
        labelled = [(yes_no_label(value), grouped.get(value, 0)) for value in (True, False)]
    elif question.kind == RATING:
        labelled = [(str(value), grouped.get(value, 0)) for value in RATING_VALUES]
        if result.answered:
            result.average = sum(value * grouped.get(value, 0) for value in RATING_VALUES) / result.answered
    else:
        labelled = [(option.label.text, grouped.get(option.value, 0)) for option in question.option_list()]
    result.counts = [Tally(label, count, _percent(count, result.answered)) for label, count in labelled]
    return result


def summarise(questionnaire):
    """(number of responses, a QuestionResult per question in order)."""
    questions = list(questionnaire.questions.all())
    return questionnaire.responses.count(), [_result(question) for question in questions]


# Downloads -----------------------------------------------------------------------------------------------


def _csv_response(header, rows, stem):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    for row in [header, *rows]:
        writer.writerow([neutralised(str(cell)) for cell in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stem}-{timezone.localtime():%Y%m%d-%H%M}.csv"'
    return response


def answers_table(questionnaire):
    """The header and a row per response (in the order they came): who, for a named questionnaire, and the
    answer to each question, as staff read it in the admin's language."""
    questions = list(questionnaire.questions.all())
    responses = (
        QuestionnaireResponse.objects.filter(questionnaire=questionnaire)
        .select_related("registration")
        .prefetch_related("answers")
        .order_by("pk")
    )
    who = [gettext("name"), gettext("e-mail address"), gettext("affiliation"), gettext("answered")]
    header = [gettext("response"), *([] if questionnaire.anonymous else who), *(str(q.label) for q in questions)]
    rows = []
    for number, response in enumerate(responses, start=1):
        values = {answer.question_id: answer.value for answer in response.answers.all()}
        person = []
        if not questionnaire.anonymous:
            registration = response.registration or Registration(name="", email="", affiliation="")
            answered = timezone.localtime(response.submitted_at).strftime(DATE_FORMAT)
            person = [registration.name, registration.email, registration.affiliation, answered]
        rows.append([number, *person, *(question.answer_text(values.get(question.pk)) for question in questions)])
    return header, rows


def answers_csv(request, questionnaire):
    header, rows = answers_table(questionnaire)
    DataExport.objects.create(
        user=request.user,
        user_email=request.user.email,
        kind=DataExport.Kind.QUESTIONNAIRE,
        format=DataExport.Format.CSV,
        language=current_language(),
        query_string=f"questionnaire={questionnaire.pk}&event={questionnaire.event_id}",
        row_count=len(rows),
    )
    return _csv_response(header, rows, f"jcic-heritage-questionnaire-{questionnaire.event.slug}-answers")


def summary_table(questionnaire):
    """The header and a row per option (or rating, or yes and no) of each question, with its count and share;
    a rating's average, and a text question's number of answers, on a row of their own."""
    responses, results = summarise(questionnaire)
    header = [gettext("question"), gettext("answer"), gettext("count"), gettext("share (%)")]
    rows = [[gettext("responses"), "", responses, ""]]
    for result in results:
        label = str(result.question.label)
        for count in result.counts:
            rows.append([label, count.label, count.count, f"{count.percent:.1f}"])
        if result.average is not None:
            rows.append([label, gettext("average"), f"{result.average:.2f}", ""])
        if result.is_text:
            rows.append([label, gettext("written answers"), result.answered, ""])
    return header, rows


def summary_csv(questionnaire):
    header, rows = summary_table(questionnaire)
    return _csv_response(header, rows, f"jcic-heritage-questionnaire-{questionnaire.event.slug}-summary")
