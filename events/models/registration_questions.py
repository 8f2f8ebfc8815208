from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from events.questions import Answer, Question


class RegistrationQuestion(Question):
    """A question on an event's registration form: affiliation type, dietary needs, in person or online…"""

    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), on_delete=models.CASCADE, related_name="registration_questions"
    )

    history = HistoricalRecords()

    class Meta(Question.Meta):
        verbose_name = _("registration question")
        verbose_name_plural = _("registration questions")
        ordering = ["event", "order", "pk"]


class RegistrationAnswer(Answer):
    """A registrant's answer to one of the event's questions; none is kept for a question left blank."""

    registration = models.ForeignKey(
        "events.Registration", verbose_name=_("registration"), on_delete=models.CASCADE, related_name="answers"
    )
    # Answers outlive a change of wording; a question that has answers is not deleted with them.
    question = models.ForeignKey(
        RegistrationQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            # One answer per question and registration; reading a registration's answers uses it too.
            models.UniqueConstraint(fields=["registration", "question"], name="registration_answer_once"),
        ]

    def __str__(self):
        return f"{self.registration.name}: {self.text}"
