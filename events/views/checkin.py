"""The event desk: staff check registrants in by QR code or short code, or find them in the list.

Both pages are for staff who may record check-ins (``members.access.check_in_staff_required``), work on a
phone's browser without an app, and are never cached. The camera scanner (static/js/check-in.js) only
fills in and sends the code form, which works without it.
"""

from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from events import checkins
from events.models import CheckIn, Event, Registration
from members.access import check_in_staff_required

PAGE_SIZE = 50
LIST_FIELDS = [
    "name",
    "email",
    "affiliation",
    "status",
    "event_id",
    "check_in__mode",
    "check_in__method",
    "check_in__checked_in_at",
    "check_in__checked_in_by__email",
    "check_in__checked_in_by__first_name",
    "check_in__checked_in_by__last_name",
]


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=300,
        help_text=_("Scan the QR code, or type the short code of 8 letters and digits (e.g. K7QF-3M9X)."),
        error_messages={"required": _("Enter or scan a code.")},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
                "enterkeyhint": "go",
            }
        ),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), max_length=200, required=False)


class ListCheckInForm(forms.Form):
    """A button of the list: the registration's id, named for the way its holder attends (``CheckIn.Mode``)."""

    in_person = forms.IntegerField(required=False, min_value=1)
    online = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        if not event.is_online:
            del self.fields["online"]

    def clean(self):
        given = [(mode, self.cleaned_data.get(mode)) for mode in self.fields if self.cleaned_data.get(mode)]
        if len(given) != 1:
            raise forms.ValidationError(_("Choose one registrant, in person or online."))
        self.cleaned_data["mode"], self.cleaned_data["registration"] = given[0]
        return self.cleaned_data


def _event(slug):
    return get_object_or_404(Event, slug=slug)


def _counts(event):
    """How many confirmed registrants there are, and how many of them have checked in."""
    return event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        checked_in=Count("pk", filter=Q(status=Registration.Status.CONFIRMED, check_in__isnull=False)),
    )


@check_in_staff_required
@require_http_methods(["GET", "POST"])
def check_in_desk(request, slug):
    """Checks in the person whose code is sent; a code in the address (the QR code read by a phone's
    camera app) is only looked at, and the staff confirm it with the button."""
    event = _event(slug)
    outcome = None
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            outcome = checkins.check_in(event, form.cleaned_data["code"], by=request.user)
            if outcome.admitted:
                form = CodeForm()
    else:
        code = request.GET.get("code", "")
        form = CodeForm(initial={"code": code})
        if code:
            outcome = checkins.examine(event, code)
    context = {"event": event, "form": form, "outcome": outcome, "counts": _counts(event)}
    return render(request, "events/check_in.html", context)


def _list_url(event, query="", page=""):
    parameters = {name: value for name, value in (("q", query), ("page", page)) if value}
    url = reverse("events:check_in_list", args=[event.slug])
    return f"{url}?{urlencode(parameters)}" if parameters else url


def _check_in_from_list(request, event):
    form = ListCheckInForm(request.POST, event=event)
    registration = None
    if form.is_valid():
        registration = event.registrations.filter(pk=form.cleaned_data["registration"]).first()
    if registration is None:
        messages.error(request, _("This person is not registered for this event. Nobody has been checked in."))
    else:
        outcome = checkins.admit(
            event, registration, by=request.user, method=CheckIn.Method.LIST, mode=form.cleaned_data["mode"]
        )
        if outcome.admitted:
            messages.success(request, outcome.message)
        else:
            messages.error(request, outcome.message)
    return redirect(_list_url(event, request.GET.get("q", "")[:200], request.GET.get("page", "")[:10]))


@check_in_staff_required
@require_http_methods(["GET", "POST"])
def check_in_list(request, slug):
    """The event's confirmed registrants, found by name or address, each with a button to check them in."""
    event = _event(slug)
    if request.method == "POST":
        return _check_in_from_list(request, event)
    search = SearchForm(request.GET)
    query = search.cleaned_data["q"].strip() if search.is_valid() else ""
    registrants = (
        event.registrations.confirmed()
        .select_related("check_in__checked_in_by")
        .only(*LIST_FIELDS)
        .order_by("name", "pk")
    )
    if query:
        registrants = registrants.filter(Q(name__icontains=query) | Q(email__icontains=query))
    page = Paginator(registrants, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "event": event,
        "search": search,
        "query": query,
        "page": page,
        "counts": _counts(event),
        "online": event.is_online,
        "may_undo": request.user.has_perm("events.delete_checkin"),
    }
    return render(request, "events/check_in_list.html", context)
