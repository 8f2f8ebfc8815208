"""The admin of questionnaires after events, their results, and the certificates of attendance issued.

Staff write a questionnaire's questions on its page, then open it (which needs ``events.open_questionnaire``);
``send_event_mail`` sends it to the attendees once the event is over. Its results, and their downloads, are for
staff who may view the responses (``events.view_questionnaireresponse``).
"""

import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from consortium.history_admin import HistoryAdmin
from events import questionnaire_results, questionnaires
from events.admin_questions import QUESTION_FIELDS
from events.models import Certificate, Questionnaire, QuestionnaireInvitation, QuestionnaireQuestion
from events.models.certificates import REFERENCE_LENGTH, REFERENCE_PREFIX
from events.question_forms import QuestionAdminForm

OPEN_PERMISSION = "events.open_questionnaire"
RESULTS_PERMISSION = "events.view_questionnaireresponse"


class QuestionnaireQuestionInline(admin.StackedInline):
    model = QuestionnaireQuestion
    form = QuestionAdminForm
    extra = 0
    fields = QUESTION_FIELDS


class InvitationInline(admin.TabularInline):
    """Each attendee the questionnaire was e-mailed to, and whether they have answered (never what)."""

    model = QuestionnaireInvitation
    fields = ["name", "email", "language", "status", "sent_at", "answered", "error"]
    readonly_fields = fields
    extra = 0
    max_num = 0
    can_delete = False
    verbose_name_plural = _("e-mails sent")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Questionnaire)
class QuestionnaireAdmin(HistoryAdmin):
    list_display = ["__str__", "anonymous", "status", "closes_at", "invited", "responses"]
    list_filter = ["status", "anonymous"]
    list_select_related = ["event"]
    search_fields = ["event__title_ja", "event__title_en", "event__slug"]
    autocomplete_fields = ["event"]
    readonly_fields = ["status", "opened_at", "opened_by"]
    fieldsets = [
        (None, {"fields": ["event", "anonymous", "closes_at"]}),
        (_("Introduction"), {"fields": ["intro_ja", "intro_en"]}),
        (_("Sending"), {"fields": ["status", "opened_at", "opened_by"]}),
    ]
    inlines = [QuestionnaireQuestionInline, InvitationInline]
    view_on_site = False
    change_form_template = "admin/events/questionnaire/change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                invited_count=Count(
                    "invitations", filter=Q(invitations__status=QuestionnaireInvitation.Status.SENT), distinct=True
                ),
                response_count=Count("responses", distinct=True),
            )
        )

    @admin.display(description=_("e-mailed"), ordering="invited_count")
    def invited(self, obj):
        return obj.invited_count

    @admin.display(description=_("responses"), ordering="response_count")
    def responses(self, obj):
        return obj.response_count

    def get_readonly_fields(self, request, obj=None):
        # The attendees have been told whether their answers are anonymous (the model's clean says so too).
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "anonymous"] if obj is not None and obj.is_open else fields

    def get_inline_instances(self, request, obj=None):
        # A questionnaire not yet open has e-mailed no one.
        return [
            inline
            for inline in super().get_inline_instances(request, obj)
            if not isinstance(inline, InvitationInline) or (obj is not None and obj.is_open)
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["may_open"] = obj is not None and not obj.is_open and request.user.has_perm(OPEN_PERMISSION)
        context["may_see_results"] = obj is not None and request.user.has_perm(RESULTS_PERMISSION)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        def url(route, view, name):
            view = self.admin_site.admin_view(view)
            return path(f"<path:object_id>/{route}", view, name=f"events_questionnaire_{name}")

        return [
            url("open/", self.open_view, "open"),
            url("results/", self.results_view, "results"),
            url("answers.csv", self.answers_csv_view, "answers_csv"),
            url("summary.csv", self.summary_csv_view, "summary_csv"),
            *super().get_urls(),
        ]

    def _questionnaire(self, request, object_id, permission):
        questionnaire = get_object_or_404(Questionnaire.objects.select_related("event"), pk=object_id)
        if not self.has_view_permission(request, questionnaire) or not request.user.has_perm(permission):
            raise PermissionDenied
        return questionnaire

    def open_view(self, request, object_id):
        """Open the questionnaire (POST from its page): it is sent once the event is over."""
        questionnaire = self._questionnaire(request, object_id, OPEN_PERMISSION)
        change_url = reverse("admin:events_questionnaire_change", args=[questionnaire.pk])
        if request.method != "POST":
            return redirect(change_url)
        try:
            questionnaires.open_questionnaire(questionnaire, request.user)
        except questionnaires.QuestionnaireRefused as refused:
            self.message_user(request, refused.message, messages.ERROR)
        else:
            if questionnaire.event.has_ended():
                done = _("The questionnaire is open: it will be e-mailed to the attendees within a few minutes.")
            else:
                done = _("The questionnaire is open: it will be e-mailed to the attendees once the event is over.")
            self.message_user(request, done, messages.SUCCESS)
        return redirect(change_url)

    def results_view(self, request, object_id):
        questionnaire = self._questionnaire(request, object_id, RESULTS_PERMISSION)
        responses, results = questionnaire_results.summarise(questionnaire)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Results of the questionnaire on %(event)s") % {"event": questionnaire.event},
            "opts": self.model._meta,
            "questionnaire": questionnaire,
            "responses": responses,
            "results": results,
            "invited": questionnaire.invitations.filter(status=QuestionnaireInvitation.Status.SENT).count(),
        }
        return TemplateResponse(request, "admin/events/questionnaire/results.html", context)

    def answers_csv_view(self, request, object_id):
        return questionnaire_results.answers_csv(request, self._questionnaire(request, object_id, RESULTS_PERMISSION))

    def summary_csv_view(self, request, object_id):
        return questionnaire_results.summary_csv(self._questionnaire(request, object_id, RESULTS_PERMISSION))


@admin.register(QuestionnaireQuestion)
class QuestionnaireQuestionAdmin(HistoryAdmin):
    """The history of a questionnaire's questions, which staff edit on the questionnaire's page."""

    form = QuestionAdminForm
    list_display = ["__str__", "kind", "required", "questionnaire", "order"]
    list_select_related = ["questionnaire__event"]
    list_filter = ["kind"]
    search_fields = ["label_ja", "label_en", "questionnaire__event__title_ja", "questionnaire__event__title_en"]
    autocomplete_fields = ["questionnaire"]
    fields = ["questionnaire", *QUESTION_FIELDS]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    """The certificates issued, to confirm one by its reference; they are issued from the attendee's own page."""

    list_display = ["reference_display", "name", "event", "issued_at"]
    list_select_related = ["registration__event"]
    search_fields = ["reference", "registration__name", "registration__email"]
    fields = ["reference_display", "registration", "issued_at"]
    readonly_fields = fields
    date_hierarchy = "issued_at"

    @admin.display(description=_("verification reference"), ordering="reference")
    def reference_display(self, obj):
        return obj.reference_display

    @admin.display(description=_("name"), ordering="registration__name")
    def name(self, obj):
        return obj.registration.name

    @admin.display(description=_("event"), ordering="registration__event__starts_at")
    def event(self, obj):
        return obj.registration.event

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        # A reference is read out as printed, JCIC-K7QF3-M9X2B: the prefix and hyphens are not stored.
        reference = re.sub(r"[\s-]", "", search_term.upper()).removeprefix(REFERENCE_PREFIX)
        if len(reference) == REFERENCE_LENGTH:
            found |= queryset.filter(reference=reference)
        return found, duplicates

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
