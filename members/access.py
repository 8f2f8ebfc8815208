"""The access rule: who may see what. Every database view, export, feed and
count asks this module, and nothing else re-spells the rule.

| level     | who                                            | sees                          |
|-----------|------------------------------------------------|-------------------------------|
| PUBLIC    | anonymous visitors                             | public pages                  |
| APPLICANT | signed in, membership not active (any status)  | public pages, own account     |
| MEMBER    | active membership                              | the database, not staff-only  |
| STAFF     | is_staff, signed in with a second factor       | the database; staff-only      |
|           |                                                | records of the models they    |
|           |                                                | hold the view permission of   |

Staff whose account has no second factor yet see what a member sees: the
admin sends them to set one up, and staff-only records wait until they have.
So do staff whose session has not passed the second factor (one that began
before they added it): the admin asks them for it.
"""

import copy
from enum import IntEnum
from functools import wraps

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Q
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from consortium.visibility import Visibility

SECOND_FACTORS = [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]


class Level(IntEnum):
    PUBLIC = 0
    APPLICANT = 1
    MEMBER = 2
    STAFF = 3


def access_level(user):
    """The user's level, read fresh from the database on each request.

    Suspending a member takes effect on their next request because the
    membership is loaded per request, never cached in the session.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Level.PUBLIC
    if user.is_staff:
        return Level.STAFF if passed_second_factor(user) else Level.MEMBER
    membership = getattr(user, "membership", None)
    if membership is not None and membership.is_active:
        return Level.MEMBER
    return Level.APPLICANT


def has_second_factor(user):
    """Whether the account has a second factor; asked once per request (the user object's life)."""
    if not hasattr(user, "_has_second_factor"):
        user._has_second_factor = is_mfa_enabled(user, types=SECOND_FACTORS)
    return user._has_second_factor


def mark_second_factor_passed(user, passed=True):
    """Record on ``user`` whether the session it came with passed the second factor.

    members.middleware.StaffSecondFactorMiddleware marks each request's user from
    allauth's record of how the session authenticated; a user object that no
    request marked has not passed it.
    """
    user._passed_second_factor = passed


def passed_second_factor(user):
    """Whether this session of the user passed a second factor that the account still has."""
    return getattr(user, "_passed_second_factor", False) and has_second_factor(user)


def outside_session(user):
    """``user`` as the access rule sees them when no session of theirs is there: an e-mail that a timer
    sends (saved searches' alerts). No second factor was passed, so staff see what members see there,
    and staff-only records never leave the portal by e-mail. A copy: ``user`` keeps its own marks."""
    detached = copy.copy(user)
    mark_second_factor_passed(detached, False)
    return detached


def hides_staff_records(user):
    """Staff who would see staff-only records once they sign in with a second factor."""
    return bool(user is not None and user.is_authenticated and user.is_staff and access_level(user) < Level.STAFF)


def can_use_database(user):
    return access_level(user) >= Level.MEMBER


def sees_staff_only(user):
    return access_level(user) >= Level.STAFF


def view_permission(model):
    """The permission that opens a model's staff-only records: ``"experts.view_expert"``."""
    return f"{model._meta.app_label}.view_{model._meta.model_name}"


def sees_staff_records_of(user, permission):
    """Staff past the second factor who also hold ``permission`` (``"reports.view_report"``): a kind of
    record whose staff-only entries are for the staff who work on it."""
    return sees_staff_only(user) and user.has_perm(permission)


def may_open_in_admin(user, model):
    """Staff past the second factor who may open ``model``'s records in the admin: its view or change
    permission, as the admin asks (``ModelAdmin.has_view_permission``). The translation queue lists
    only these kinds of record."""
    if not sees_staff_only(user):
        return False
    opts = model._meta
    return user.has_perm(view_permission(model)) or user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def member_required(view):
    """Guard for a database view.

    Anonymous visitors are sent to sign in (keeping ``next``); signed-in users
    without an active membership get a page that explains their membership,
    never data. Answers are never cached.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        level = access_level(request.user)
        if level == Level.PUBLIC:
            return redirect_to_login(request.get_full_path())
        if level == Level.APPLICANT:
            response = render(
                request,
                "members/membership_required.html",
                {"membership": getattr(request.user, "membership", None)},
                status=403,
            )
        else:
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


def receives_members_only_news(user):
    """Whether e-mails to ``user`` (None for a member of the public) may tell of what is for members only
    (members-only events), asked when each e-mail is made: active members and staff; not a public
    subscriber, an applicant, or a member whose membership lapsed or was suspended."""
    return access_level(user) >= Level.MEMBER


# Records ---------------------------------------------------------------------


def seen_by_members(path=""):
    """The records every member sees, and so the ones public figures may count: ``path`` leads from the
    counted model to the record with the ``visibility`` field (``"projects__"`` from a country)."""
    return Q(**{f"{path}visibility": Visibility.MEMBERS})


class VisibleQuerySet(models.QuerySet):
    """``visible_to(user)``: where a database queryset meets the access rule.

    A model whose records carry a ``visibility`` (members or staff only) keeps the default
    ``visibility_lookup``; one whose records are all for members (heritage sites) sets it to None.
    """

    visibility_lookup = "visibility"

    def visible_to(self, user):
        """Staff-only records for the staff who may view this model (the database editors' role);
        every member's records for members and for other staff."""
        if sees_staff_records_of(user, view_permission(self.model)):
            return self
        if access_level(user) >= Level.MEMBER:
            return self.visible_to_members()
        return self.none()

    def countable_by(self, user):
        """What ``user`` may count: the records they see in the database; for those who may not use it,
        the records every member sees, as the public figures (consortium.statistics) count them."""
        if access_level(user) >= Level.MEMBER:
            return self.visible_to(user)
        return self.visible_to_members()

    def visible_to_members(self):
        """What every member sees: the records the public figures may count."""
        if self.visibility_lookup is None:
            return self
        return self.filter(seen_by_members(self.visibility_lookup.removesuffix("visibility")))


class TieredQuerySet(models.QuerySet):
    """``visible_to(user)`` for records whose ``access`` is public, members or staff (reports): public ones
    for everyone, members' ones for active members, staff-only ones for staff who may view the model."""

    def visible_to(self, user):
        levels = ["public"]
        if access_level(user) >= Level.MEMBER:
            levels.append(Visibility.MEMBERS)
        if sees_staff_records_of(user, view_permission(self.model)):
            levels.append(Visibility.STAFF)
        return self.filter(access__in=levels)

    def visible_to_members(self):
        """What every member sees, public records included: the ones public figures may count."""
        return self.exclude(access=Visibility.STAFF)


# Events ------------------------------------------------------------------------
#
# An event is announced to everyone (its page, the lists, the calendars, the activity report), members-only
# ones too, marked so. Registration and the materials of a members-only event are for those who may use
# the database; the online link is for confirmed registrants (events.views).


def event_open_to(user, event):
    """Whether ``user`` (None for the public) may register for ``event`` and open its materials."""
    return not event.is_members_only or can_use_database(user)


# Committees --------------------------------------------------------------------
#
# The public sees which committees there are, who chairs them and when they meet. The roster and
# the committee's work are for those who sit on it; each meeting's agenda, minutes and files are for
# the meeting's ``audience``: the committee's members, all members, or staff only.


def holds_active_membership(user):
    """Signed in with an active membership: who may ask to join or leave a committee."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    membership = getattr(user, "membership", None)
    return membership is not None and membership.is_active


def seated_committee_ids(user):
    """The committees ``user`` sits on as an active member; asked once per request (the user object's life).

    A seat without an active membership (a suspended member's, say) opens nothing."""
    if not holds_active_membership(user):
        return frozenset()
    if not hasattr(user, "_seated_committee_ids"):
        user._seated_committee_ids = frozenset(user.committee_seats.values_list("committee_id", flat=True))
    return user._seated_committee_ids


def sits_on(user, committee):
    return committee.pk in seated_committee_ids(user)


def can_see_roster(user, committee):
    """The roster with affiliations, and the committee's projects and reports: for those who sit on it,
    and for staff past the second factor who may view the seats."""
    return sits_on(user, committee) or sees_staff_records_of(user, "members.view_committeeseat")


def can_see_meeting_papers(user, meeting):
    """The meeting's agenda, minutes and files; the rule of ``MeetingPapersQuerySet.papers_visible_to``."""
    if sees_staff_records_of(user, "members.view_meeting"):
        return True
    if meeting.audience == "members":
        return access_level(user) >= Level.MEMBER
    if meeting.audience == "committee":
        return meeting.committee_id in seated_committee_ids(user)
    return False


class MeetingPapersQuerySet(models.QuerySet):
    def papers_visible_to(self, user):
        """The meetings whose agenda, minutes and files ``user`` may read."""
        if sees_staff_records_of(user, view_permission(self.model)):
            return self
        if access_level(user) < Level.MEMBER:
            return self.none()
        return self.filter(Q(audience="members") | Q(audience="committee", committee__in=seated_committee_ids(user)))


# Representatives -------------------------------------------------------------


def represented_organisation(user):
    """The organisation whose member accounts ``user`` manages, or None.

    That is the organisation naming them its representative, while their own membership is an active
    organisational membership of it: a representative who leaves, or is suspended, manages nothing.
    """
    if not holds_active_membership(user) or user.membership.kind != user.membership.Kind.ORGANISATIONAL:
        return None
    organisation = user.membership.organization
    if organisation is None or organisation.representative_id != user.pk:
        return None
    return organisation


def representative_required(view):
    """Guard for the pages where a representative manages their organisation's accounts.

    The view is called with the organisation as its second argument. Anonymous visitors are sent to
    sign in; anyone else who represents no organisation gets a page that says so. Never cached.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        organisation = represented_organisation(request.user)
        if organisation is None:
            response = render(request, "members/representative_required.html", status=403)
        else:
            response = view(request, organisation, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


# Events ------------------------------------------------------------------------


def can_check_in(user):
    """The event desk: staff past the second factor who may record check-ins (``events.add_checkin``)."""
    return sees_staff_records_of(user, "events.add_checkin")


def check_in_staff_required(view):
    """Guard for the event desk's pages. Anonymous visitors are sent to sign in; anyone else who may not
    check people in gets a page that says who may (staff with the permission, signed in with their second
    factor). Never cached: the pages list registrants."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            response = redirect_to_login(request.get_full_path())
        elif can_check_in(request.user):
            response = view(request, *args, **kwargs)
        else:
            response = render(request, "events/check_in_forbidden.html", status=403)
        add_never_cache_headers(response)
        return response

    return wrapper


# Own expert records ------------------------------------------------------------
#
# An expert who is a member claims their record, or asks for one, edits it and confirms it once a year.
# Ownership decides which record (``Expert.user``), whatever its visibility; the membership decides whether.


def may_keep_expert_record(user):
    """An active member: who may claim, ask for, edit and confirm their own expert record. Staff accounts
    hold no membership, so keep none (they edit every record in the admin)."""
    return holds_active_membership(user)


def expert_keeper_required(view):
    """Guard for the pages where a member keeps their own expert record.

    Anonymous visitors are sent to sign in; anyone else who may not keep a record (no active
    membership) gets the page that explains their membership. Never cached.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_keep_expert_record(request.user):
            response = render(
                request,
                "members/membership_required.html",
                {"membership": getattr(request.user, "membership", None)},
                status=403,
            )
        else:
            response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    return wrapper


# Limits on taking personal data ------------------------------------------------


def exempt_from_daily_limits(user):
    """Staff past the second factor: their work is the database, so the per-day limits on experts' contact
    details and on exported rows (consortium.daily_limits) are for members only. Staff still leave records."""
    return sees_staff_only(user)


def owns_expert_record(user, expert):
    """The member whose account the expert record is linked to: their own contact details cost nothing."""
    return user is not None and user.is_authenticated and expert.user_id == user.pk
