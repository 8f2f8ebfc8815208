"""Staff set the registration questions on the event's admin page; answers already given are protected."""

import pytest
from django.urls import reverse

from events.models import RegistrationAnswer, RegistrationQuestion
from events.questions import QuestionKind, parse_options
from tests.admin_checks import change_form_data
from tests.events.conftest import make_event, make_registration

pytestmark = pytest.mark.django_db

PREFIX = "registration_questions"
MODES = "in_person | 会場で参加 | In person\nonline | オンラインで参加 | Online"


def question_form(index, question=None, **fields):
    """The inline's fields for one question: an existing one's values, changed by ``fields``."""
    values = {"kind": QuestionKind.ONE_CHOICE, "required": "on", "order": "1", "label_ja": "参加方法",
              "label_en": "How will you attend?", "help_ja": "", "help_en": "", "options": MODES}  # fmt: skip
    if question is not None:
        values |= {
            "id": str(question.pk),
            "kind": question.kind,
            "label_ja": question.label_ja,
            "label_en": question.label_en,
            "options": "\n".join(f"{o['value']} | {o['label_ja']} | {o['label_en']}" for o in question.options),
        }
    values |= fields
    if not values.get("required"):
        values.pop("required")
    return {f"{PREFIX}-{index}-{name}": value for name, value in values.items()}


def post_event(staff_client, event, *forms, initial=0):
    url = reverse("admin:events_event_change", args=[event.pk])
    data = change_form_data(staff_client.get(url))
    data |= {f"{PREFIX}-TOTAL_FORMS": str(len(forms)), f"{PREFIX}-INITIAL_FORMS": str(initial)}
    for form in forms:
        data |= form
    return staff_client.post(url, data)


def errors(response):
    """Every message of the inline formsets, as one text."""
    messages = []
    for inline in response.context["inline_admin_formsets"]:
        for form_errors in inline.formset.errors:
            for field_errors in form_errors.values():
                messages.extend(field_errors)
        messages.extend(inline.formset.non_form_errors())
    return " ".join(messages)


@pytest.fixture
def answered():
    """A question answered by one registrant, who chose "online"."""
    event = make_event(capacity=10)
    question = RegistrationQuestion.objects.create(
        event=event, kind=QuestionKind.ONE_CHOICE, label_ja="参加方法", label_en="How will you attend?",
        options=parse_options(MODES), required=True,
    )  # fmt: skip
    RegistrationAnswer.objects.create(registration=make_registration(event), question=question, value="online")
    return question


def test_staff_add_a_question_with_its_options_on_the_events_page(staff_client):
    event = make_event()
    response = post_event(staff_client, event, question_form(0))
    assert response.status_code == 302, errors(response)
    question = RegistrationQuestion.objects.get(event=event)
    assert (question.kind, question.required, question.label_en) == ("one_choice", True, "How will you attend?")
    assert question.options == [
        {"value": "in_person", "label_ja": "会場で参加", "label_en": "In person"},
        {"value": "online", "label_ja": "オンラインで参加", "label_en": "Online"},
    ]
    # The page shows the options as they were typed, ready to edit.
    html = staff_client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "online | オンラインで参加 | Online" in html


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"options": "in_person | 会場で参加"}, "Line 1: write a value, the Japanese and the English label"),
        ({"options": "In Person | 会場 | In person\nonline | | Online"}, "the value “In Person” must be lower-case"),
        ({"options": "a | A | A\na | B | B"}, "Line 2: the value “a” is used twice."),
        ({"options": "a | | \nb | B | B"}, "Line 1: give a label in at least one language."),
        ({"options": "online | オンライン | Online"}, "Give at least two options, one a line."),
        ({"kind": QuestionKind.SHORT_TEXT}, "Only questions with one or several choices take options."),
        ({"label_ja": "", "label_en": ""}, "Write the question in at least one language."),
    ],
)
def test_a_question_staff_cannot_use_is_refused_with_a_clear_message_and_nothing_saved(staff_client, fields, message):
    event = make_event()
    response = post_event(staff_client, event, question_form(0, **fields))
    assert response.status_code == 200
    assert message in errors(response)
    assert not RegistrationQuestion.objects.exists()


def test_an_answered_question_may_be_reworded_and_its_answers_follow(staff_client, answered):
    form = question_form(0, answered, label_en="Attending how?", options=MODES.replace("| Online", "| Online (Zoom)"))
    response = post_event(staff_client, answered.event, form, initial=1)
    assert response.status_code == 302, errors(response)
    answered.refresh_from_db()
    assert answered.answers.get().text == "Online (Zoom)"


def test_an_option_chosen_in_answers_cannot_be_removed(staff_client, answered):
    form = question_form(0, answered, options="in_person | 会場で参加 | In person\nhall | 別会場 | Other hall")
    response = post_event(staff_client, answered.event, form, initial=1)
    assert response.status_code == 200
    assert "The option “online” has been chosen in answers" in errors(response)
    answered.refresh_from_db()
    assert answered.option_values() == ["in_person", "online"]


def test_the_kind_of_an_answered_question_cannot_change(staff_client, answered):
    form = question_form(0, answered, kind=QuestionKind.SEVERAL_CHOICES)
    response = post_event(staff_client, answered.event, form, initial=1)
    assert "its kind can no longer change" in errors(response)
    answered.refresh_from_db()
    assert answered.kind == QuestionKind.ONE_CHOICE


def test_an_answered_question_cannot_be_removed(staff_client, answered):
    form = question_form(0, answered, DELETE="on")
    response = post_event(staff_client, answered.event, form, initial=1)
    assert response.status_code == 200
    assert "would require deleting the following protected related objects: answer Person" in errors(response)
    assert RegistrationQuestion.objects.filter(pk=answered.pk).exists()


def test_a_question_nobody_answered_can_be_removed(staff_client):
    event = make_event()
    question = RegistrationQuestion.objects.create(event=event, kind=QuestionKind.LONG_TEXT, label_en="Comments")
    form = question_form(0, question, kind=QuestionKind.LONG_TEXT, options="", DELETE="on")
    response = post_event(staff_client, event, form, initial=1)
    assert response.status_code == 302, errors(response)
    assert not RegistrationQuestion.objects.exists()


def test_the_registrations_admin_page_shows_its_answers(staff_client, answered):
    registration = answered.answers.get().registration
    html = staff_client.get(reverse("admin:events_registration_change", args=[registration.pk])).content.decode()
    assert "<dt>How will you attend?</dt><dd>Online</dd>" in html
