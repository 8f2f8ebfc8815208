"""The e-mails a subscription request sends: the confirmation link, or word that the address has it already.

Both go to an address typed into a public form, so they say no more than the request did, in the language
the request was made in.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from events import subscriptions
from events.models.subscriptions import MAX_SUBSCRIPTIONS


def _send(template, *, to, language, context):
    with translation.override(language):
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
    prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
    send_mail(prefix + " ".join(subject.split()), body, None, [to])


def send_request_answer(outcome, subscriber, token, *, email, choice_text, language):
    """Send what ``subscriptions.request_public`` decided: "confirm" (with the link), "already" or "limit"."""
    with translation.override(language):
        if outcome == "confirm":
            context = {
                "subscription": choice_text,
                "confirm_url": subscriptions.absolute(reverse("subscriptions:confirm", args=[token])),
            }
        else:
            context = {
                "subscription": choice_text,
                "limit": outcome == "limit",
                "max_subscriptions": MAX_SUBSCRIPTIONS,
                **subscriptions.links(subscriber, language),
            }
    template = "subscription_confirm" if outcome == "confirm" else "subscription_already"
    _send(template, to=email, language=language, context=context)
