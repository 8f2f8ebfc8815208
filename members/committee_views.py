"""The committees' pages: public facts for everyone, the roster, papers and work for those who may see them,
and the members' requests to join or leave.

Who sees what is decided in ``members.access`` (the "Committees" section); nothing here decides it again.
"""

from functools import wraps
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from consortium.bilingual import localized
from consortium.models import CountryProfile
from heritage.models import HeritageSite
from members import committee_requests
from members.access import can_see_roster, holds_active_membership, member_required, sits_on
from members.forms import CommitteeRequestForm
from members.models import Committee, CommitteeRequest, CommitteeSeat, Meeting, MeetingFile
from projects.models import CooperationProject
from reports.views import reports_about

# The general meetings the list page shows after the upcoming ones.
PAST_GENERAL_MEETINGS = 3
# A committee covering a large region may have many projects on record: the latest are listed.
PROJECTS_SHOWN = 30
MEETING_FIELDS = ["pk", "kind", "committee_id", "held_on", "audience"]
PAPER_FIELDS = [
    "title_ja", "title_en", "venue_ja", "venue_en", "agenda_ja", "agenda_en", "minutes_ja", "minutes_en",
]  # fmt: skip


def _chairs():
    chairs = CommitteeSeat.objects.filter(role=CommitteeSeat.Role.CHAIR).select_related("user")
    return Prefetch("seats", queryset=chairs.only("committee_id", "user__first_name", "user__last_name",
                                                   "user__email"), to_attr="chairs")  # fmt: skip


@require_GET
def committee_list(request):
    committees = Committee.objects.select_related("region").prefetch_related(_chairs())
    kinds = dict(Committee.Kind.choices)
    order = list(kinds)
    by_kind = groupby(sorted(committees, key=lambda c: order.index(c.kind)), key=lambda c: c.kind)
    general = Meeting.objects.filter(kind=Meeting.Kind.GENERAL).only(*MEETING_FIELDS)
    context = {
        "groups": [(kinds[kind], list(members)) for kind, members in by_kind],
        "upcoming_general": list(general.upcoming()),
        "past_general": list(general.past()[:PAST_GENERAL_MEETINGS]),
    }
    return render(request, "members/committee_list.html", context)


def _countries(committee, user):
    """The countries it covers, each marked ``has_page`` when the country is a partner country with a page
    to show: a profile, or heritage sites or projects the visitor may count (as the countries list does)."""
    sites = HeritageSite.objects.countable_by(user).filter(countries=OuterRef("pk"))
    projects = CooperationProject.objects.countable_by(user).filter(countries=OuterRef("pk"))
    return (
        committee.covered_countries()
        .annotate(
            has_page=Exists(CountryProfile.objects.filter(country=OuterRef("pk"))) | Exists(sites) | Exists(projects)
        )
        .order_by(f"name_{localized(committee, 'name').language}", "code")
        .only("code", "name_ja", "name_en")
    )


def _meetings(committee, user):
    """The committee's meetings, each with ``shows_papers`` and, where it does, its files."""
    papers = Meeting.objects.filter(committee=committee).papers_visible_to(user)
    files = MeetingFile.objects.filter(meeting__in=papers).only(
        "meeting_id", "title_ja", "title_en", "file", "original_name", "kind"
    )
    meetings = list(
        committee.meetings.only(*MEETING_FIELDS, *PAPER_FIELDS).prefetch_related(Prefetch("files", queryset=files))
    )
    shown = set(papers.values_list("pk", flat=True)) if meetings else set()
    for meeting in meetings:
        meeting.shows_papers = meeting.pk in shown
    return meetings


def _roster(committee):
    """The seats, chair first, then vice-chairs, then members."""
    roles = list(CommitteeSeat.Role)
    seats = committee.seats.select_related("user__membership__organization").only(
        "role", "committee_id", "user__first_name", "user__last_name", "user__email",
        "user__membership__organization_name", "user__membership__organization__name_ja",
        "user__membership__organization__name_en",
    )  # fmt: skip
    return sorted(seats, key=lambda seat: roles.index(seat.role))


def _work(committee, user, countries):
    """The cooperation projects and reports concerning the countries it covers, as ``user`` may see them."""
    projects = (
        CooperationProject.objects.visible_to(user)
        .filter(countries__in=countries)
        .distinct()
        .only("pk", "title_ja", "title_en", "kind", "start_year")
        .order_by("-start_year", "pk")
    )
    reports = reports_about(user, countries__in=countries).distinct()
    return list(projects[:PROJECTS_SHOWN]), list(reports)


@require_GET
def committee_detail(request, code):
    committee = get_object_or_404(Committee.objects.select_related("region").prefetch_related(_chairs()), code=code)
    user = request.user
    countries = list(_countries(committee, user))
    meetings = _meetings(committee, user)
    today = timezone.localdate()
    context = {
        "committee": committee,
        "remit": localized(committee, "description"),
        "countries": countries,
        "upcoming": sorted((m for m in meetings if m.held_on >= today), key=lambda m: m.held_on),
        "past": [m for m in meetings if m.held_on < today],
        "sits_on": sits_on(user, committee),
        "may_ask": holds_active_membership(user),
    }
    if can_see_roster(user, committee):
        context["roster"] = _roster(committee)
        context["projects"], context["reports"] = _work(committee, user, [c.code for c in countries])
    if context["may_ask"]:
        context["pending"] = committee_requests.pending_request(user, committee)
        context["form"] = CommitteeRequestForm()
    response = render(request, "members/committee_detail.html", context)
    if user.is_authenticated:
        # The page differs by who asks: never from a shared cache.
        response["Cache-Control"] = "private, no-store"
    return response


def _asking(view):
    """A POST from an active member about a committee: anyone else is refused, never served a form."""

    @wraps(view)
    @require_POST
    @member_required
    def wrapper(request, code):
        if not holds_active_membership(request.user):
            raise PermissionDenied  # staff without a membership sit on no committee of their own accord
        return view(request, get_object_or_404(Committee, code=code))

    return wrapper


def _ask(request, committee, action):
    form = CommitteeRequestForm(request.POST)
    if not form.is_valid() or not committee_requests.may_ask(request.user, committee, action):
        messages.error(request, _("This request could not be made."))
        return redirect(committee)
    _request, created = committee_requests.ask(request.user, committee, action, form.cleaned_data["message"])
    if created:
        messages.success(request, _("Your request has been sent to the secretariat."))
    else:
        messages.info(request, _("Your earlier request is still waiting for the secretariat's decision."))
    return redirect(committee)


@_asking
def join(request, committee):
    return _ask(request, committee, CommitteeRequest.Action.JOIN)


@_asking
def leave(request, committee):
    return _ask(request, committee, CommitteeRequest.Action.LEAVE)


@_asking
def withdraw_request(request, committee):
    if committee_requests.withdraw(request.user, committee):
        messages.success(request, _("Your request has been withdrawn."))
    return redirect(committee)
