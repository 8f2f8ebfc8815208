"""Questions staff ask people, and the answers they give: the kinds, the options, what an answer may hold.

The registration form asks them (``events.models.registration_questions``), and so does the questionnaire
after an event (``events.models.questionnaires``): each concrete question has a foreign key to its own parent
and an answer model whose ``question`` has ``related_name="answers"``. The questionnaire's questions may also
be a rating from 1 to 5 (``SurveyKind``); registration questions keep ``QuestionKind``.

An answer's value is JSON: the text for a text question, the option's value for one choice, a list of
option values for several choices, true or false for yes/no, a whole number from 1 to 5 for a rating.
Options carry a stable value beside their two labels, so that a label corrected later still names the
same answers.
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized


class QuestionKind(models.TextChoices):
    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    ONE_CHOICE = "one_choice", _("one choice")
    SEVERAL_CHOICES = "several_choices", _("several choices")
    YES_NO = "yes_no", _("yes or no")


class SurveyKind(models.TextChoices):
    """The kinds of a questionnaire's questions: those of registration questions, and a rating."""

    SHORT_TEXT = "short_text", _("short text")
    LONG_TEXT = "long_text", _("long text")
    ONE_CHOICE = "one_choice", _("one choice")
    SEVERAL_CHOICES = "several_choices", _("several choices")
    YES_NO = "yes_no", _("yes or no")
    RATING = "rating", _("rating from 1 to 5")


RATING = SurveyKind.RATING.value
RATING_VALUES = range(1, 6)
CHOICE_KINDS = {QuestionKind.ONE_CHOICE, QuestionKind.SEVERAL_CHOICES}
TEXT_LIMITS = {QuestionKind.SHORT_TEXT: 200, QuestionKind.LONG_TEXT: 2000}
MIN_OPTIONS = 2
OPTION_SEPARATOR = "|"
OPTION_VALUE = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


@dataclass(frozen=True)
class Option:
    value: str
    label_ja: str
    label_en: str

    @property
    def label(self):
        return localized(self, "label")


def parse_options(text):
    """Options typed one a line, ``value | 日本語 | English``, as the list of dicts a question stores.

    Raises ValidationError naming every line that cannot be read."""
    options, problems, seen = [], [], set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(OPTION_SEPARATOR)]
        if len(parts) != 3:
            problems.append(
                gettext("Line %(line)d: write a value, the Japanese and the English label, separated by “|”.")
                % {"line": number}
            )
            continue
        value, label_ja, label_en = parts
        if not OPTION_VALUE.match(value):
            problems.append(
                gettext(
                    "Line %(line)d: the value “%(value)s” must be lower-case letters, digits, hyphens or "
                    "underscores (at most 40)."
                )
                % {"line": number, "value": value}
            )
        elif value in seen:
            problems.append(
                gettext("Line %(line)d: the value “%(value)s” is used twice.") % {"line": number, "value": value}
            )
        if not (label_ja or label_en):
            problems.append(gettext("Line %(line)d: give a label in at least one language.") % {"line": number})
        seen.add(value)
        options.append({"value": value, "label_ja": label_ja, "label_en": label_en})
    if problems:
        raise ValidationError(problems)
    return options


def options_text(options):
    """The stored options as the lines ``parse_options`` reads."""
    return "\n".join(
        f" {OPTION_SEPARATOR} ".join([option["value"], option["label_ja"], option["label_en"]]) for option in options
    )


def yes_no_label(value):
    return gettext("Yes") if value else gettext("No")


def _is_empty(value):
    return value is None or value == "" or value == []


class Question(models.Model):
    """A question on a form: its kind, its wording in both languages, its options, whether it must be answered."""

    kind = models.CharField(_("kind"), max_length=16, choices=QuestionKind.choices, default=QuestionKind.SHORT_TEXT)
    label_ja = models.CharField(_("question (Japanese)"), max_length=300, blank=True)
    label_en = models.CharField(_("question (English)"), max_length=300, blank=True)
    help_ja = models.CharField(_("explanation (Japanese)"), max_length=300, blank=True)
    help_en = models.CharField(_("explanation (English)"), max_length=300, blank=True)
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("must be answered"), default=False)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]
        constraints = [
            # A question with no wording in either language would show an empty label.
            models.CheckConstraint(condition=~Q(label_ja="", label_en=""), name="%(class)s_has_a_label"),
        ]

    def __str__(self):
        return self.label.text

    @property
    def label(self):
        return localized(self, "label")

    @property
    def help(self):
        return localized(self, "help")

    @property
    def has_options(self):
        return self.kind in CHOICE_KINDS

    def option_list(self):
        return [Option(**option) for option in self.options]

    def option_values(self):
        return [option["value"] for option in self.options]

    def fallback_language(self, language=None):
        """When some of the question's text is shown in the other language: (that language, whole), else None.

        ``whole`` is true when the question itself is in the other language, false when only its
        explanation or some of its options are."""
        label = localized(self, "label", language)
        texts = [label, localized(self, "help", language)]
        texts += [localized(option, "label", language) for option in self.option_list()]
        fallen = [text for text in texts if text.is_fallback]
        if not fallen:
            return None
        return fallen[0].language, label.is_fallback

    def clean(self):
        super().clean()
        if not (self.label_ja.strip() or self.label_en.strip()):
            raise ValidationError({"label_ja": _("Write the question in at least one language.")})
        if self.has_options and len(self.options) < MIN_OPTIONS:
            raise ValidationError({"options": _("Give at least two options, one a line.")})
        if not self.has_options and self.options:
            raise ValidationError({"options": _("Only questions with one or several choices take options.")})
        if self.pk:
            self._clean_against_answers()

    def _clean_against_answers(self):
        """Answers already given must still read as they did: no change of kind, no option they chose removed."""
        saved = type(self)._default_manager.filter(pk=self.pk).only("kind").first()
        if saved is None or not self.answers.exists():
            return
        if saved.kind != self.kind:
            raise ValidationError(
                {"kind": _("This question has been answered, so its kind can no longer change. Add a new question.")}
            )
        if self.has_options:
            removed = sorted(self.values_in_use() - set(self.option_values()))
            if removed:
                raise ValidationError(
                    {
                        "options": ngettext(
                            "The option “%(values)s” has been chosen in answers: keep it (its labels may change).",
                            "The options “%(values)s” have been chosen in answers: keep them (labels may change).",
                            len(removed),
                        )
                        % {"values": "”, “".join(removed)}
                    }
                )

    def values_in_use(self):
        """The option values that answers hold."""
        values = set()
        for value in self.answers.values_list("value", flat=True):
            values.update(value if isinstance(value, list) else [value])
        return values

    def clean_answer(self, value):
        """A stored or posted answer checked against the question as it is now: the value to keep,
        None for no answer. Raises ValidationError when the value does not fit the question."""
        if _is_empty(value):
            return None
        if self.kind in TEXT_LIMITS:
            if not isinstance(value, str) or len(value) > TEXT_LIMITS[self.kind]:
                raise ValidationError(_("This answer does not fit the question."), code="invalid")
            return value.strip() or None
        if self.kind == QuestionKind.YES_NO:
            if not isinstance(value, bool):
                raise ValidationError(_("This answer does not fit the question."), code="invalid")
            return value
        if self.kind == RATING:
            # A bool is an int to Python, and true is not a rating of 1.
            if isinstance(value, bool) or not isinstance(value, int) or value not in RATING_VALUES:
                raise ValidationError(_("Please choose a rating from 1 to 5."), code="invalid_choice")
            return value
        chosen = value if self.kind == QuestionKind.SEVERAL_CHOICES else [value]
        if not isinstance(chosen, list) or not all(isinstance(item, str) for item in chosen):
            raise ValidationError(_("This answer does not fit the question."), code="invalid")
        values = self.option_values()
        if not set(chosen) <= set(values):
            raise ValidationError(_("Please choose among the options given."), code="invalid_choice")
        if self.kind == QuestionKind.ONE_CHOICE:
            return value
        return [option for option in values if option in chosen]

    def answer_text(self, value, language=None):
        """An answer as a person reads it, in the given (or current) language: options by their labels.

        A value no option holds any more (the options changed after the answer) is shown as it was stored."""
        if _is_empty(value):
            return ""
        if self.kind == QuestionKind.YES_NO:
            return yes_no_label(value)
        if not self.has_options:
            return str(value)
        labels = {option.value: localized(option, "label", language).text for option in self.option_list()}
        chosen = value if isinstance(value, list) else [value]
        with translation.override(language or translation.get_language()):
            separator = pgettext("between the options chosen", ", ")
        return separator.join(labels.get(item, str(item)) for item in chosen)


class Answer(models.Model):
    """One person's answer to one question; the concrete model adds the ``question`` and whose answer it is."""

    value = models.JSONField(_("answer"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.text

    @property
    def text(self):
        return self.question.answer_text(self.value)


def kept_answers(questions, answers):
    """The answers (``{question pk: value}``, keys as numbers or strings) that still fit the questions.

    Answers wait with a confirmation link for a few days, while staff may edit the questions: an answer
    to a question removed since, or that no longer fits it, is dropped rather than refusing the person."""
    kept = {}
    for question in questions:
        raw = answers.get(str(question.pk), answers.get(question.pk))
        try:
            value = question.clean_answer(raw)
        except ValidationError:
            continue
        if value is not None:
            kept[question.pk] = value
    return kept


def answered(questions, answers):
    """(question label, answer text) for each question answered, in the questions' order."""
    rows = []
    for question in questions:
        value = answers.get(question.pk, answers.get(str(question.pk)))
        if not _is_empty(value):
            rows.append((question.label, question.answer_text(value)))
    return rows
