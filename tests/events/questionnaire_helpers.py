"""Builders for the tests of questionnaires and certificates: a held event, its attendees, a questionnaire."""

from datetime import timedelta

from django.utils import timezone

from events import questionnaires
from events.models import CheckIn, Event, Questionnaire, QuestionnaireInvitation, QuestionnaireQuestion
from events.questions import SurveyKind
from tests.events.conftest import make_event, make_registration

OPTIONS = [
    {"value": "university", "label_ja": "大学", "label_en": "University"},
    {"value": "museum", "label_ja": "博物館", "label_en": "Museum"},
    {"value": "other", "label_ja": "その他", "label_en": "Other"},
]


def held_event(**fields):
    """An event that ended yesterday."""
    starts = timezone.now() - timedelta(days=1, hours=4)
    defaults = {
        "title_ja": "災害と文化遺産シンポジウム",
        "title_en": "Symposium on disasters and heritage",
        "starts_at": starts,
        "ends_at": starts + timedelta(hours=3),
        "format": Event.Format.HYBRID,
    }
    return make_event(**(defaults | fields))


def attend(registration, mode=CheckIn.Mode.IN_PERSON):
    CheckIn.objects.create(registration=registration, mode=mode, method=CheckIn.Method.LIST)
    return registration


def attendee(event, **fields):
    return attend(make_registration(event, **fields))


def make_questionnaire(event, *, anonymous=True, opened=True, **fields):
    """A questionnaire with a rating, one choice, several choices, yes/no and a comment, in this order."""
    defaults = {"closes_at": event.ends_at + timedelta(days=14), "intro_ja": "ご参加ありがとうございました。"}
    questionnaire = Questionnaire.objects.create(event=event, anonymous=anonymous, **(defaults | fields))
    questions = [
        ("rating", SurveyKind.RATING, "全体の満足度", "Overall satisfaction", True, []),
        ("affiliation", SurveyKind.ONE_CHOICE, "ご所属", "Affiliation", False, OPTIONS),
        ("topics", SurveyKind.SEVERAL_CHOICES, "関心のある分野", "Fields of interest", False, OPTIONS),
        ("again", SurveyKind.YES_NO, "次回も参加したいですか", "Would you come again?", False, []),
        ("comment", SurveyKind.LONG_TEXT, "ご意見", "Comments", False, []),
    ]
    for order, (_name, kind, label_ja, label_en, required, options) in enumerate(questions):
        QuestionnaireQuestion.objects.create(
            questionnaire=questionnaire,
            kind=kind,
            label_ja=label_ja,
            label_en=label_en,
            required=required,
            options=options,
            order=order,
        )
    if opened:
        questionnaire.status = Questionnaire.Status.OPEN
        questionnaire.opened_at = timezone.now()
        questionnaire.save(update_fields=["status", "opened_at"])
    return questionnaire


def question(questionnaire, label_en):
    return questionnaire.questions.get(label_en=label_en)


def invitation_of(questionnaire, registration):
    """The registration's invitation, made (as the sending command makes it) when it has none."""
    questionnaires.invite(questionnaire)
    return QuestionnaireInvitation.objects.get(questionnaire=questionnaire, registration=registration)


def form_data(questionnaire, *, rating=None, affiliation=None, topics=(), again=None, comment=""):
    """What the questionnaire's form posts."""
    data = {}
    for label_en, value in [
        ("Overall satisfaction", rating),
        ("Affiliation", affiliation),
        ("Fields of interest", list(topics)),
        ("Would you come again?", again),
        ("Comments", comment),
    ]:
        if value is not None:
            data[f"question_{question(questionnaire, label_en).pk}"] = value
    return data
