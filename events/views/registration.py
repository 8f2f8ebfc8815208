"""Registration: one click for signed-in people, a confirmed address for the public, a personal link to cancel."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core import signing
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from consortium.bilingual import current_language
from events import emails, registrations
from events.forms import PublicRegistrationForm
from events.models import Event, Registration
from events.throttle import may_send_confirmation
from events.tokens import manage_url, read_confirmation_token, read_manage_token
from events.views.common import base_url, private


def _refused(request, event, refusal):
    return render(request, "events/registration_refused.html", {"event": event, "refusal": refusal}, status=403)


@require_http_methods(["GET", "POST"])
def event_register(request, slug):
    """Members (any signed-in person) register in one click; the public confirm their address first."""
    event = get_object_or_404(Event.objects.announced(), slug=slug)
    user = request.user if request.user.is_authenticated else None
    try:
        registrations.check_open_to(event, user)
    except registrations.RegistrationRefused as refusal:
        return _refused(request, event, refusal)

    if user is not None:
        if request.method == "POST":
            try:
                registration = registrations.register(
                    event,
                    base_url=base_url(request),
                    user=user,
                    email=user.email,
                    name=user.get_full_name() or user.email,
                    language=user.language,
                )
            except registrations.RegistrationRefused as refusal:
                messages.error(request, refusal.message)
                return redirect(event)
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, gettext("You are registered. A confirmation has been sent by e-mail."))
            else:
                messages.success(request, gettext("The event is full: you are on the waiting list."))
            return redirect(event)
        return render(request, "events/register_member.html", {"event": event})

    form = PublicRegistrationForm(request.POST if request.method == "POST" else None, language=current_language())
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if may_send_confirmation(request, email):
            emails.send_confirmation_request(event, base_url=base_url(request), **form.cleaned_data)
            return render(request, "events/register_check_email.html", {"event": event, "email": email})
        form.add_error(None, gettext("Too many registration requests. Please try again in an hour."))
        status = 429
    login_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    context = {"event": event, "form": form, "login_url": login_url}
    return render(request, "events/register_public.html", context, status=status)


def _link_problem(request, expired=False):
    return private(render(request, "events/registration_link_problem.html", {"expired": expired}, status=400))


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token):
    """The link from the confirmation e-mail.

    Opening it changes nothing, since mail scanners open links; the button on the page does.
    """
    try:
        details = read_confirmation_token(token)
    except signing.SignatureExpired:
        return _link_problem(request, expired=True)
    except signing.BadSignature:
        return _link_problem(request)
    event = get_object_or_404(Event.objects.announced(), pk=details.pop("event"))
    if request.method == "POST":
        try:
            registration = registrations.register(event, base_url=base_url(request), **details)
        except registrations.RegistrationRefused as refusal:
            return private(_refused(request, event, refusal))
        return redirect(manage_url(registration))
    return private(render(request, "events/registration_confirm.html", {"event": event, "details": details}))


@require_http_methods(["GET", "POST"])
def registration_manage(request, token):
    """A registrant's own page, from the link in every e-mail: status, online link, cancellation."""
    try:
        pk = read_manage_token(token)
    except signing.BadSignature:
        return _link_problem(request)
    registration = get_object_or_404(Registration.objects.select_related("event"), pk=pk)
    event = registration.event
    can_cancel = registration.status != Registration.Status.CANCELLED and not event.has_ended()
    if request.method == "POST" and can_cancel:
        registrations.cancel(registration, base_url=base_url(request))
        messages.success(request, gettext("Your registration has been cancelled."))
        return redirect(request.path)
    return private(
        render(
            request,
            "events/registration_manage.html",
            {
                "event": event,
                "registration": registration,
                "show_online_link": registration.status == Registration.Status.CONFIRMED and bool(event.online_url),
                "can_cancel": can_cancel,
            },
        )
    )
