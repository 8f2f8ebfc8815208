"""Subscriptions: the form (an account's list, or the public's request), the links e-mails carry, the calendars."""

import hashlib
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control, quote_etag
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from consortium.bilingual import current_language
from consortium.link_secrets import looks_like_secret
from events import ical, subscription_emails, subscriptions
from events.models import Subscriber, Subscription
from events.models.pages import PRIVACY_SLUG as PRIVACY
from events.models.subscriptions import MAX_SUBSCRIPTIONS
from events.subscription_forms import LanguageForm, PublicSubscriptionForm, SubscriptionForm
from events.views.common import base_url, private

# What a page may suggest in its link to the form: ?country=KH&kind=symposium.
PREFILL = {"country": "country", "region": "region", "committee": "committee", "topic": "topic", "kind": "kind"}
# Calendar programs ask every few hours; a copy may be kept by the subscriber's own program, never shared.
FEED_MAX_AGE = 60 * 60


def _refusal_text(code):
    if code == "duplicate":
        return gettext("You already have this subscription.")
    return gettext(
        "You have %(count)s subscriptions, as many as one address may have. Please remove one before adding another."
    ) % {"count": MAX_SUBSCRIPTIONS}


def _privacy_url():
    return reverse("pages:detail", args=[PRIVACY])


def _listed(request, subscriber):
    """The subscriber's confirmed subscriptions, each with its calendar's full address."""
    if subscriber is None:
        return []
    listed = list(subscriber.subscriptions.confirmed().described())
    for subscription in listed:
        subscription.feed_url = request.build_absolute_uri(subscriptions.feed_url(subscription))
    return listed


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Signed-in people see their subscriptions and add one at once; the public ask for a confirmation link."""
    initial = {field: request.GET[name] for name, field in PREFILL.items() if name in request.GET}
    if request.user.is_authenticated:
        return _account_subscriptions(request, initial)
    form = PublicSubscriptionForm(
        request.POST if request.method == "POST" else None, initial=initial, language=current_language()
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if subscriptions.may_send_confirmation(request, email):
            language = form.cleaned_data["language"]
            outcome, subscriber, token = subscriptions.request_public(email, form.choice, language)
            subscription_emails.send_request_answer(
                outcome, subscriber, token, email=email, choice_text=form.describe(), language=language
            )
            return render(request, "events/subscriptions/check_email.html", {"email": email})
        form.add_error(None, gettext("Too many subscription requests. Please try again in an hour."))
        status = 429
    context = {
        "form": form,
        "privacy_url": _privacy_url(),
        "login_url": f"{reverse('account_login')}?{urlencode({'next': request.path})}",
    }
    return render(request, "events/subscriptions/index.html", context, status=status)


def _account_subscriptions(request, initial):
    form = SubscriptionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            subscription = subscriptions.subscribe_account(request.user, form.choice)
        except subscriptions.SubscriptionRefused as refusal:
            form.add_error(None, _refusal_text(refusal.args[0]))
        else:
            messages.success(
                request,
                gettext("Subscribed: %(subscription)s. Your next digest will include it.")
                % {"subscription": subscription.describe()},
            )
            return redirect("subscriptions:index")
    subscriber = Subscriber.objects.filter(user=request.user).first()
    context = {"form": form, "subscriptions": _listed(request, subscriber), "privacy_url": _privacy_url()}
    return render(request, "events/subscriptions/index.html", context)


@login_required
@require_POST
def remove_own(request, pk):
    """A signed-in person removes one of their subscriptions from their list."""
    subscription = get_object_or_404(Subscription, pk=pk, subscriber__user=request.user)
    subscriptions.unsubscribe(subscription.subscriber, subscription)
    messages.success(request, gettext("Unsubscribed: %(subscription)s.") % {"subscription": subscription.describe()})
    return redirect("subscriptions:index")


def _link_problem(request, problem="invalid"):
    return private(render(request, "events/subscriptions/link_problem.html", {"problem": problem}, status=400))


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link from the confirmation e-mail. Opening it changes nothing, since mail scanners open links;
    the button on the page does."""
    subscription = Subscription.objects.for_token(token)
    if subscription is None:
        return _link_problem(request)
    if subscription.has_expired():
        return _link_problem(request, "expired")
    subscriber = subscription.subscriber
    if request.method == "POST":
        subscriptions.confirm(subscription, current_language())
        messages.success(request, gettext("Your subscription is confirmed."))
        return redirect("subscriptions:manage", subscriptions.manage_token(subscriber))
    subscription = Subscription.objects.described().get(pk=subscription.pk)
    context = {"subscription": subscription, "email": subscriber.address}
    return private(render(request, "events/subscriptions/confirm.html", context))


@require_http_methods(["GET", "POST"])
def manage(request, token):
    """An address's own page, from the link in every e-mail: its subscriptions and calendars, their
    language, one click to remove one, and deleting the address with all its subscriptions."""
    subscriber = subscriptions.subscriber_from_manage_token(token)
    if subscriber is None:
        return _link_problem(request)
    language_form = None if subscriber.user_id else LanguageForm(initial={"language": subscriber.language})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            subscriptions.unsubscribe(subscriber)
            return private(render(request, "events/subscriptions/deleted.html", {"email": subscriber.address}))
        if action == "remove":
            subscription = subscriber.subscriptions.filter(pk=request.POST.get("subscription") or 0).first()
            if subscription is not None:
                subscriptions.unsubscribe(subscriber, subscription)
                if not Subscriber.objects.filter(pk=subscriber.pk).exists():
                    context = {"email": subscriber.address}
                    return private(render(request, "events/subscriptions/deleted.html", context))
                messages.success(
                    request, gettext("Unsubscribed: %(subscription)s.") % {"subscription": subscription.describe()}
                )
            return redirect("subscriptions:manage", token)
        if action == "language" and language_form is not None:
            language_form = LanguageForm(request.POST)
            if language_form.is_valid():
                subscriber.language = language_form.cleaned_data["language"]
                subscriber.save(update_fields=["language"])
                messages.success(request, gettext("The language of our e-mails has been changed."))
                return redirect("subscriptions:manage", token)
        status = 400
    context = {
        "subscriber": subscriber,
        "email": subscriber.address,
        "subscriptions": _listed(request, subscriber),
        "language_form": language_form,
        "token": token,
    }
    return private(render(request, "events/subscriptions/manage.html", context, status=status))


@csrf_exempt  # The signed token is the credential: mail programs POST here without a session (RFC 8058).
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One-click unsubscribe: one subscription, or every digest to the address (the e-mail's header).

    GET asks for confirmation (link checkers in mail systems follow links); POST, from the page's button
    or a mail program's one-click request, acts. A subscription already removed is simply gone."""
    loaded = subscriptions.from_unsubscribe_token(token)
    if loaded is None:
        return _link_problem(request)
    subscriber, pk = loaded
    subscription = subscriber.subscriptions.described().filter(pk=pk).first() if pk else None
    context = {
        "email": subscriber.address,
        "subscription": subscription,
        "everything": not pk,
        "gone": bool(pk) and subscription is None,
        "manage_url": reverse("subscriptions:manage", args=[subscriptions.manage_token(subscriber)]),
    }
    if request.method == "POST" or context["gone"]:
        if not context["gone"]:
            subscriptions.unsubscribe(subscriber, subscription)
        return private(render(request, "events/subscriptions/unsubscribed.html", context))
    return private(render(request, "events/subscriptions/unsubscribe.html", context | {"token": token}))


@require_GET
def feed(request, key):
    """A subscription's own calendar, at an address only its subscriber knows.

    The same for whoever holds the address (see ``subscriptions.feed_events``), so a calendar program may
    keep a copy and ask again with its ETag; no shared cache may, as the address is a secret."""
    if not looks_like_secret(key):
        raise Http404
    subscription = (
        Subscription.objects.confirmed()
        .described()
        .filter(feed_key=key, subscriber__in=Subscriber.objects.receiving())
        .first()
    )
    if subscription is None:
        raise Http404
    site = base_url(request)
    body = ical.calendar(
        subscriptions.feed_events(subscription),
        absolute_url=lambda path: site + path,
        host=request.get_host(),
        name=gettext("JCIC-Heritage: %(subscription)s") % {"subscription": subscription.describe()},
    )
    etag = quote_etag(hashlib.sha256(body).hexdigest())
    response = get_conditional_response(request, etag=etag) or HttpResponse(
        body, content_type="text/calendar; charset=utf-8"
    )
    response["ETag"] = etag
    response["Content-Disposition"] = 'inline; filename="jcic-heritage-subscription.ics"'
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
    return response
