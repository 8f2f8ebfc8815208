"""Registration: one click for signed-in people, a confirmed address for the public, a personal link to cancel."""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from consortium.bilingual import current_language
from events import emails, passes, policies, registrations
from events.forms import MemberRegistrationForm, PublicRegistrationForm
from events.models import Event, PendingRegistration, Registration
from events.questions import answered, kept_answers
from events.throttle import may_send_confirmation
from events.tokens import manage_url
from events.views.certificate import for_manage_page
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

    data = request.POST if request.method == "POST" else None
    questions = event.registration_questions.all()
    if user is not None:
        form = MemberRegistrationForm(data, questions=questions, language=current_language())
        if request.method == "POST" and form.is_valid():
            try:
                registration = registrations.register(
                    event,
                    base_url=base_url(request),
                    user=user,
                    email=user.email,
                    name=user.get_full_name() or user.email,
                    language=user.language,
                    answers=form.answers(),
                )
            except registrations.RegistrationRefused as refusal:
                messages.error(request, refusal.message)
                return redirect(event)
            if registration.status == Registration.Status.CONFIRMED:
                messages.success(request, gettext("You are registered. A confirmation has been sent by e-mail."))
            else:
                messages.success(request, gettext("The event is full: you are on the waiting list."))
            return redirect(event)
        return render(request, "events/register_member.html", {"event": event, "form": form})

    form = PublicRegistrationForm(data, questions=questions, language=current_language())
    status = 200
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if may_send_confirmation(request, email):
            emails.send_confirmation_request(
                event,
                base_url=base_url(request),
                answers=form.answers(),
                consent=policies.current_versions(),
                **form.details(),
            )
            return render(request, "events/register_check_email.html", {"event": event, "email": email})
        form.add_error(None, gettext("Too many registration requests. Please try again in an hour."))
        status = 429
    login_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    context = {"event": event, "form": form, "login_url": login_url}
    return render(request, "events/register_public.html", context, status=status)


def _link_problem(request, problem="invalid"):
    context = {"problem": problem, "expired": problem == "expired"}
    return private(render(request, "events/registration_link_problem.html", context, status=400))


@require_http_methods(["GET", "POST"])
def registration_confirm(request, token):
    """The link from the confirmation e-mail: it works once, and for a few days.

    Opening it changes nothing, since mail scanners open links; the button on the page does.
    """
    pending = PendingRegistration.objects.for_token(token)
    if pending is None:
        return _link_problem(request)
    if pending.has_expired():
        return _link_problem(request, "expired")
    event = get_object_or_404(Event.objects.announced(), pk=pending.event_id)
    if request.method == "POST":
        try:
            registration = registrations.confirm(pending, base_url=base_url(request))
        except registrations.RegistrationRefused as refusal:
            return private(_refused(request, event, refusal))
        if registration is None:
            return _link_problem(request)
        return redirect(manage_url(registration))
    questions = list(event.registration_questions.all())
    context = {
        "event": event,
        "details": pending.details(),
        # What confirming will keep: answers that still fit the questions, should staff have changed them.
        "answers": answered(questions, kept_answers(questions, pending.answers)),
    }
    return private(render(request, "events/registration_confirm.html", context))


@require_http_methods(["GET", "POST"])
def registration_manage(request, token):
    """A registrant's own page, from the link in every e-mail: status, online link, cancellation.

    The link stops working once the registration is cancelled (its key is renewed then) and
    some weeks after the event.
    """
    registration = Registration.objects.for_manage_key(token)
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return _link_problem(request)
    if registration.manage_link_has_expired():
        return _link_problem(request, "manage_expired")
    event = registration.event
    # Once checked in, the place has been used: nothing is left to cancel, and the pass is spent.
    can_cancel = not event.has_ended() and not registration.is_checked_in
    if request.method == "POST" and can_cancel:
        registrations.cancel(registration, base_url=base_url(request))
        messages.success(request, gettext("Your registration has been cancelled."))
        return redirect(event)
    check_in = passes.for_page(registration, base_url(request)) if can_cancel else {}
    return private(
        render(
            request,
            "events/registration_manage.html",
            {
                "event": event,
                "registration": registration,
                "show_online_link": registration.status == Registration.Status.CONFIRMED and bool(event.online_url),
                "can_cancel": can_cancel,
                **check_in,
                **for_manage_page(registration),
                "answers": [
                    (answer.question.label, answer.text)
                    for answer in registration.answers.select_related("question").order_by(
                        "question__order", "question__pk"
                    )
                ],
            },
        )
    )
