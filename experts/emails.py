"""E-mails to experts who keep their own record, each in the member's own language: the staff's decision
on a claim or on a request for a record, and the yearly request to confirm the record."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def _send(template, user, context, base_url=None, links=None):
    """E-mail ``experts/email/<template>_subject.txt`` and ``_message.txt`` to ``user`` in their language.

    ``links`` names further addresses for the context, as {name: (URL name, args)}: they are made in the
    member's language, as the pages' own addresses are."""
    base_url = (base_url or settings.PORTAL_URL).rstrip("/")
    with translation.override(user.language):
        context = {
            **context,
            "user": user,
            "own_record_url": base_url + reverse("members:expert"),
            "edit_url": base_url + reverse("members:expert_edit"),
        }
        for name, (url_name, args) in (links or {}).items():
            context[name] = base_url + reverse(url_name, args=args)
        if context.get("expert") is not None:
            context["record_url"] = base_url + context["expert"].get_absolute_url()
        subject = render_to_string(f"experts/email/{template}_subject.txt", context)
        body = render_to_string(f"experts/email/{template}_message.txt", context)
    EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()), body=body, to=[user.email]
    ).send()


def send_claim_decision(claim_pk):
    from experts.models import ExpertClaim

    claim = ExpertClaim.objects.select_related("user", "expert").get(pk=claim_pk)
    template = "claim_accepted" if claim.status == ExpertClaim.Status.ACCEPTED else "claim_declined"
    _send(template, claim.user, {"claim": claim, "expert": claim.expert, "note": claim.decision_note})


def send_record_request_decision(request_pk):
    from experts.models import ExpertRecordRequest

    record_request = ExpertRecordRequest.objects.select_related("user", "expert").get(pk=request_pk)
    approved = record_request.status == ExpertRecordRequest.Status.ACCEPTED
    context = {"record_request": record_request, "expert": record_request.expert, "note": record_request.decision_note}
    _send("record_approved" if approved else "record_declined", record_request.user, context)


def send_confirmation_request(expert, token, *, link_days, base_url=None):
    """Ask the expert once a year whether their record is still correct, with the link (carrying ``token``,
    good for ``link_days`` days) to the page where one click confirms it."""
    links = {"confirm_url": ("members:expert_confirm", [token])}
    _send("confirm_record", expert.user, {"expert": expert, "link_days": link_days}, base_url, links)
