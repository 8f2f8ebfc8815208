"""The registration questions staff set on an event's page, and the history of their edits.

A question that has answers cannot be deleted (its answers protect it): the inline says so, naming them.
"""

from django.contrib import admin

from consortium.history_admin import HistoryAdmin
from events.models import RegistrationQuestion
from events.question_forms import QuestionAdminForm

QUESTION_FIELDS = [("kind", "required", "order"), ("label_ja", "label_en"), ("help_ja", "help_en"), "options"]


class RegistrationQuestionInline(admin.StackedInline):
    model = RegistrationQuestion
    form = QuestionAdminForm
    extra = 0
    fields = QUESTION_FIELDS


@admin.register(RegistrationQuestion)
class RegistrationQuestionAdmin(HistoryAdmin):
    """The history of an event's registration questions, which staff edit on the event's page."""

    form = QuestionAdminForm
    list_display = ["__str__", "kind", "required", "event", "order"]
    list_select_related = ["event"]
    list_filter = ["kind"]
    search_fields = ["label_ja", "label_en", "event__title_ja", "event__title_en"]
    autocomplete_fields = ["event"]
    fields = ["event", *QUESTION_FIELDS]
