"""Forms for questions: the options as staff type them, and the fields a visitor answers in.

``AnswersFormMixin`` adds a field per question to a form, worded in the visitor's language (or the other
one, with a note), and reads the answers back as ``{question pk: value}``, the values ``Question.clean_answer``
accepts.
"""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized
from events.questions import RATING, RATING_VALUES, TEXT_LIMITS, QuestionKind, options_text, parse_options

OPTIONS_HELP = _(
    "For questions with choices: one option a line, a short value that stays the same, then the Japanese and the "
    "English label, separated by “|”, e.g. “online | オンラインで参加 | Online”. Answers keep the value, so a label "
    "may be corrected later."
)
FIELD_PREFIX = "question_"


class OptionsField(forms.CharField):
    """The question's options, stored as a list, typed as ``value | 日本語 | English`` lines."""

    widget = forms.Textarea(attrs={"rows": 5, "cols": 80})

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", OPTIONS_HELP)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return options_text(value) if isinstance(value, list) else value

    def to_python(self, value):
        return parse_options(super().to_python(value) or "")


class QuestionAdminForm(forms.ModelForm):
    """A question as staff edit it; the model's ``clean`` checks it against the answers already given."""

    options = OptionsField(label=_("options"))


REQUIRED_MESSAGES = {
    QuestionKind.SHORT_TEXT: _("Please answer this question."),
    QuestionKind.LONG_TEXT: _("Please answer this question."),
    QuestionKind.ONE_CHOICE: _("Please choose one of the options."),
    QuestionKind.SEVERAL_CHOICES: _("Please choose at least one of the options."),
    QuestionKind.YES_NO: _("Please answer yes or no."),
    RATING: _("Please choose a rating from 1 to 5."),
}
INVALID_CHOICE = _("Please choose among the options given.")
YES_NO_CHOICES = [("yes", _("Yes")), ("no", _("No"))]
RATING_ENDS = {RATING_VALUES[0]: _("1 (lowest)"), RATING_VALUES[-1]: _("5 (highest)")}
RATING_CHOICES = [(value, RATING_ENDS.get(value, str(value))) for value in RATING_VALUES]


def answer_field(question, language=None):
    """The form field that asks ``question``, worded in ``language`` (or the current one), falling back."""
    options = [(option.value, localized(option, "label", language).text) for option in question.option_list()]
    common = {
        "label": localized(question, "label", language).text,
        "help_text": localized(question, "help", language).text,
        "required": question.required,
    }
    messages = {"required": REQUIRED_MESSAGES[question.kind], "invalid_choice": INVALID_CHOICE}
    if question.kind in TEXT_LIMITS:
        widget = forms.Textarea(attrs={"rows": 4}) if question.kind == QuestionKind.LONG_TEXT else forms.TextInput
        return forms.CharField(max_length=TEXT_LIMITS[question.kind], widget=widget, error_messages=messages, **common)
    if question.kind == QuestionKind.ONE_CHOICE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, error_messages=messages, **common)
    if question.kind == QuestionKind.SEVERAL_CHOICES:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, error_messages=messages, **common
        )
    if question.kind == RATING:
        messages["invalid_choice"] = REQUIRED_MESSAGES[RATING]
        return forms.TypedChoiceField(
            choices=RATING_CHOICES,
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages=messages,
            **common,
        )
    return forms.TypedChoiceField(
        choices=YES_NO_CHOICES,
        coerce=lambda value: value == "yes",
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages=messages,
        **common,
    )


@dataclass(frozen=True)
class AskedQuestion:
    """A question's field on the page, with what the template needs to mark the language of its text."""

    field: forms.BoundField
    language: str
    # The other language when some of the question's text is shown in it, else "".
    fallback_language: str
    # Whether the question itself (not only an explanation or an option) is in the other language.
    wholly_in_fallback: bool


class AnswersFormMixin:
    """Adds a field for each of ``questions`` (in their order) after the form's own fields."""

    def add_questions(self, questions, language=None):
        self.questions = list(questions)
        self.question_language = language
        for question in self.questions:
            self.fields[f"{FIELD_PREFIX}{question.pk}"] = answer_field(question, language)

    def asked_questions(self):
        asked = []
        for question in self.questions:
            fallback = question.fallback_language(self.question_language)
            asked.append(
                AskedQuestion(
                    field=self[f"{FIELD_PREFIX}{question.pk}"],
                    language=localized(question, "label", self.question_language).language,
                    fallback_language=fallback[0] if fallback else "",
                    wholly_in_fallback=bool(fallback and fallback[1]),
                )
            )
        return asked

    def own_fields(self):
        """The form's fields other than the questions'."""
        return [field for field in self if not field.name.startswith(FIELD_PREFIX)]

    def answers(self):
        """The answers given, ``{question pk: value}``; questions left blank are left out."""
        answers = {}
        for question in self.questions:
            value = question.clean_answer(self.cleaned_data.get(f"{FIELD_PREFIX}{question.pk}"))
            if value is not None:
                answers[question.pk] = value
        return answers
