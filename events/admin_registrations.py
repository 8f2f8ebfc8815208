"""What the registrations' admin shows beyond the row: the answers to the event's questions."""

from django.contrib import admin
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _


class RegistrationChangesMixin:
    """For the registrations' ModelAdmin: answers shown read-only."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "answers_given"]

    @admin.display(description=_("answers"))
    def answers_given(self, obj):
        answers = obj.answers.select_related("question").order_by("question__order", "question__pk")
        rows = [(answer.question.label, answer.text) for answer in answers]
        if not rows:
            return _("No answers.")
        return format_html("<dl>{}</dl>", format_html_join("", "<dt>{}</dt><dd>{}</dd>", rows))
