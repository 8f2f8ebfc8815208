"""The certificate of attendance, asked for from the registrant's own page (the manage link)."""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render

from events import certificates, questionnaires
from events.models import Certificate, QuestionnaireInvitation, Registration
from events.views.common import private

logger = logging.getLogger(__name__)
LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _link_problem(request, problem="invalid"):
    context = {"problem": problem, "expired": False}
    return private(render(request, "events/registration_link_problem.html", context, status=400))


def may_have_certificate(registration):
    """A certificate is for an attendee by the rule of ``RegistrationQuerySet.checked_in``."""
    return registration.status != Registration.Status.CANCELLED and registration.is_checked_in


def certificate_pdf(request, token):
    """The PDF, in the registrant's language (or the one asked for with ``?language=``); recorded as issued
    the first time. Refused, with a page that says why, to a registrant who did not attend."""
    registration = Registration.objects.for_manage_key(token)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return _link_problem(request)
    if registration.manage_link_has_expired():
        return _link_problem(request, "manage_expired")
    event = registration.event
    if not may_have_certificate(registration):
        context = {"event": event, "registration": registration}
        return private(render(request, "events/certificate_refused.html", context, status=403))
    language = request.GET.get("language")
    language = language if language in LANGUAGES else registration.language
    try:
        certificates.font()  # before recording a certificate that could not be made
        pdf = certificates.render(Certificate.objects.issue(registration), language)
    except certificates.FontUnavailable as error:
        logger.error("Certificate of registration %s: %s", registration.pk, error)
        return private(render(request, "events/certificate_unavailable.html", {"event": event}, status=503))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="certificate-{event.slug}-{language}.pdf"'
    return private(response)


def for_manage_page(registration):
    """What a registrant's own page offers an attendee: their certificate (in each language, theirs first),
    and the questionnaire while it waits for their answer."""
    if not may_have_certificate(registration):
        return {}
    languages = sorted(settings.LANGUAGES, key=lambda language: language[0] != registration.language)
    invitation = (
        QuestionnaireInvitation.objects.filter(
            registration=registration, answered=False, status=QuestionnaireInvitation.Status.SENT
        )
        .select_related("questionnaire")
        .first()
    )
    questionnaire_url = ""
    if invitation is not None and invitation.questionnaire.takes_answers():
        questionnaire_url = questionnaires.answer_path(invitation)
    return {"certificate_languages": languages, "questionnaire_url": questionnaire_url}
