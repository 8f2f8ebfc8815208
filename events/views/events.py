from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from events import ical, registrations
from events.models import Event, Registration
from events.views.common import base_url
from members.access import can_check_in, event_open_to
from reports.views import reports_about

PAGE_SIZE = 20
LIST_FIELDS = [
    "slug",
    "kind",
    "status",
    "audience",
    "format",
    "title_ja",
    "title_en",
    "summary_ja",
    "summary_en",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue_name_ja",
    "venue_name_en",
]
CALENDAR_FIELDS = [*LIST_FIELDS, "venue_address_ja", "venue_address_en", "updated_at", "calendar_sequence"]
ABOUT_LIMIT = 5


def events_about(now=None, **concerning):
    """The upcoming and the latest past events a country page lists (``countries=country``), in one query.

    Returns (upcoming, recent), each at most ``ABOUT_LIMIT`` events, in the order of the event lists."""
    now = now or timezone.now()
    upcoming = Event.objects.upcoming(now).filter(**concerning).only(*LIST_FIELDS)[:ABOUT_LIMIT]
    past = Event.objects.past(now).filter(**concerning).only(*LIST_FIELDS)[:ABOUT_LIMIT]
    rows = list(upcoming.union(past, all=True))
    return (
        sorted((event for event in rows if not event.has_ended(now)), key=lambda event: (event.starts_at, event.pk)),
        sorted(
            (event for event in rows if event.has_ended(now)),
            key=lambda event: (event.starts_at, event.pk),
            reverse=True,
        ),
    )


@require_GET
def event_list(request):
    events = Event.objects.upcoming().only(*LIST_FIELDS)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page, "showing": "upcoming"})


@require_GET
def event_past(request):
    events = Event.objects.past().only(*LIST_FIELDS, "attendance")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "events/event_list.html", {"page": page, "showing": "past"})


@require_GET
def event_detail(request, slug):
    event = get_object_or_404(
        Event.objects.previewable_by(request.user)
        .with_confirmed_count()
        .with_attendance()
        .prefetch_related("speakers", "materials", "co_organisers", "countries"),
        slug=slug,
    )
    own = None
    if request.user.is_authenticated:
        own = event.registrations.active().filter(email__iexact=request.user.email).first()
    places_left = None if event.capacity is None else max(event.capacity - event.confirmed_count, 0)
    try:
        registrations.check_open_to(event, request.user if request.user.is_authenticated else None)
        refusal = None
    except registrations.RegistrationRefused as reason:
        refusal = reason
    response = render(
        request,
        "events/event_detail.html",
        {
            "event": event,
            "own_registration": own,
            "places_left": places_left,
            "show_online_link": bool(own and own.status == Registration.Status.CONFIRMED and event.online_url),
            "is_preview": event.status == Event.Status.DRAFT,
            # A members-only event is announced to all; its materials follow the access rule.
            "materials_open": event_open_to(request.user, event),
            "refusal": refusal,
            "now": timezone.now(),
            "reports": reports_about(request.user, events=event),
            "can_check_in": can_check_in(request.user),
        },
    )
    if own is not None or event.status == Event.Status.DRAFT or can_check_in(request.user):
        add_never_cache_headers(response)
    return response


def _calendar_response(request, events, *, name, filename):
    site = base_url(request)
    body = ical.calendar(events, absolute_url=lambda path: site + path, host=request.get_host(), name=name)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.announced().only(*CALENDAR_FIELDS), slug=slug)
    return _calendar_response(request, [event], name=event.title, filename=f"{event.slug}.ics")


@require_GET
def calendar_ics(request):
    events = Event.objects.upcoming().only(*CALENDAR_FIELDS)
    return _calendar_response(
        request, events, name=gettext("JCIC-Heritage events"), filename="jcic-heritage-events.ics"
    )
