"""The questionnaire's page, opened from the personal link in its e-mail: no sign-in, one answer per person."""

from django import forms
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from consortium.bilingual import current_language
from events import questionnaires
from events.question_forms import AnswersFormMixin
from events.views.common import private


class QuestionnaireForm(AnswersFormMixin, forms.Form):
    def __init__(self, *args, questions, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_questions(questions, language)


def _page(request, template, context, status=200):
    return private(render(request, f"events/{template}.html", context, status=status))


@require_http_methods(["GET", "POST"])
def questionnaire_answer(request, token):
    """The questions, in the page's language (falling back, with a note); the answers kept once."""
    invitation = questionnaires.invitation_for_token(token)
    if invitation is None:
        return _page(request, "questionnaire_message", {"problem": "invalid"}, status=400)
    questionnaire = invitation.questionnaire
    context = {"questionnaire": questionnaire, "event": questionnaire.event}
    problem = questionnaires.refusal(invitation)
    if problem is not None:
        return _page(request, "questionnaire_message", context | {"problem": problem})
    questions = questionnaire.questions.all()
    data = request.POST if request.method == "POST" else None
    form = QuestionnaireForm(data, questions=questions, language=current_language())
    if request.method == "POST" and form.is_valid():
        try:
            questionnaires.submit(invitation, form.answers())
        except questionnaires.QuestionnaireRefused as refused:
            return _page(request, "questionnaire_message", context | {"problem": refused.code})
        # The page the link now opens thanks them; a reload cannot post the answers twice.
        return redirect(request.path)
    return _page(request, "questionnaire", context | {"form": form})
