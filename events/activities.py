"""The activity report of a fiscal year (April to March), made from the data.

Each section is made by one function here and returned as plain data, which the page, its printed form and
its CSV all read; ``Section.figures`` are the counts the summary table and the CSV show.

What counts, and in which year:

- A fiscal year runs from 1 April 00:00 to 31 March 24:00, Japan time, the consortium's time, whichever
  zone an event was in. The year in progress counts what has happened so far: meetings held up to today,
  events that are over.
- Meetings: every general and committee meeting held in the year, by its date. That a meeting is held, and
  when, is public (members.Meeting); its title, agenda, minutes and files are not read here.
- Events: announced events that were held (not cancelled) and are over, by the time they started, with
  their attendance by the rule of events.attendance: the number staff recorded where they did, else the
  check-ins at the door plus the online attendance; "not recorded" when there is neither. Members-only
  events are listed too: the events page announces them publicly.
- E-mail news: issues whose sending finished in the year. The news goes to members, so the report gives
  the count and the dates, never the subjects.
- Memberships, read from the membership history (members.Membership.history):
  who joined and who departed, as members.membership_changes reads them.
- Cooperation projects: those added to the database in the year that every member sees
  (``visible_to_members``), counted; the database is for members, so no title is given.
- Reports and surveys: those the library files under the fiscal year (``Report.fiscal_year``, set by
  staff from the report itself, where the day of entry would put a whole back catalogue in one year).
  Public ones are listed by title; those for members are counted only; staff-only ones not at all.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortium.bilingual import Localized, localized
from consortium.fiscal import fiscal_year, fiscal_year_dates, fiscal_year_label
from events.models import ActivityForeword, Event
from members.membership_changes import membership_changes
from members.models import Meeting, Membership, NewsIssue
from projects.models import CooperationProject
from reports.models import Report

SURVEY_KINDS = [Report.Kind.COUNTRY_SURVEY, Report.Kind.RECOVERY_SURVEY]
EVENT_KINDS = {
    Event.Kind.SYMPOSIUM: gettext_lazy("Symposia"),
    Event.Kind.SEMINAR: gettext_lazy("Research seminars"),
    Event.Kind.WORKSHOP: gettext_lazy("Workshops"),
    Event.Kind.BRIEFING: gettext_lazy("Briefings"),
}


@dataclass(frozen=True)
class FiscalYear:
    """A fiscal year's days, and its bounds as moments in the consortium's time zone."""

    year: int

    @property
    def first_day(self):
        return fiscal_year_dates(self.year)[0]

    @property
    def next_first_day(self):
        return fiscal_year_dates(self.year)[1]

    @property
    def last_day(self):
        return self.next_first_day - timedelta(days=1)

    @property
    def starts_at(self):
        return timezone.make_aware(datetime.combine(self.first_day, time.min))

    @property
    def ends_at(self):
        return timezone.make_aware(datetime.combine(self.next_first_day, time.min))

    @property
    def label(self):
        return fiscal_year_label(self.year)

    def in_progress(self, now=None):
        return fiscal_year(timezone.localdate(now)) == self.year

    def __contains__(self, moment):
        return self.starts_at <= moment < self.ends_at


@dataclass(frozen=True)
class Figure:
    label: str
    value: int


@dataclass
class Section:
    """A section of the report: its heading, its counts, and what the template lists under them."""

    key: str
    title: str
    figures: list[Figure]

    @property
    def is_empty(self):
        return not any(figure.value for figure in self.figures)


# Meetings ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CommitteeMeetings:
    name: str
    dates: list


@dataclass
class MeetingsSection(Section):
    general: list = field(default_factory=list)
    committees: list[CommitteeMeetings] = field(default_factory=list)


def meetings_held(now=None):
    """The meetings held up to today, whichever committee they are of."""
    return Meeting.objects.filter(held_on__lte=timezone.localdate(now))


def meetings(year, now=None):
    rows = (
        meetings_held(now)
        .filter(held_on__gte=year.first_day, held_on__lt=year.next_first_day)
        .select_related("committee")
        .only("kind", "held_on", "committee__code", "committee__order", "committee__name_ja", "committee__name_en")
        .order_by("held_on", "pk")
    )
    general = []
    by_committee = defaultdict(list)
    for meeting in rows:
        if meeting.committee_id is None:
            general.append(meeting.held_on)
        else:
            by_committee[meeting.committee].append(meeting.held_on)
    committees = [
        CommitteeMeetings(committee.name, dates)
        for committee, dates in sorted(by_committee.items(), key=lambda item: (item[0].order, item[0].code))
    ]
    figures = [Figure(_("General meetings"), len(general))]
    figures += [Figure(committee.name, len(committee.dates)) for committee in committees]
    return MeetingsSection(
        "meetings", _("General and committee meetings"), figures, general=general, committees=committees
    )


# Events ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldEvent:
    title: Localized
    url: str
    starts_on: object
    ends_on: object
    venue: Localized
    format: str
    attendance: int | None


@dataclass(frozen=True)
class EventKind:
    label: str
    events: list[HeldEvent]


@dataclass
class EventsSection(Section):
    kinds: list[EventKind] = field(default_factory=list)


EVENT_FIELDS = [
    "slug",
    "kind",
    "status",
    "format",
    "title_ja",
    "title_en",
    "starts_at",
    "ends_at",
    "time_zone",
    "venue_name_ja",
    "venue_name_en",
    "attendance",
    "online_attendance",
]


def _held_event(event):
    return HeldEvent(
        title=localized(event, "title"),
        url=event.get_absolute_url(),
        starts_on=timezone.localdate(event.starts_at, event.zone),
        ends_on=timezone.localdate(event.ends_at, event.zone),
        venue=localized(event, "venue_name") if event.has_venue else Localized("", "", False),
        format=event.get_format_display(),
        attendance=event.attendance_figures.total,
    )


def events(year, now=None):
    rows = Event.objects.held(now).filter(starts_at__gte=year.starts_at, starts_at__lt=year.ends_at)
    by_kind = defaultdict(list)
    for event in rows.with_attendance().only(*EVENT_FIELDS):
        by_kind[event.kind].append(_held_event(event))
    kinds = [EventKind(str(label), by_kind[kind]) for kind, label in EVENT_KINDS.items()]
    attendance = sum(held.attendance or 0 for group in kinds for held in group.events)
    figures = [Figure(group.label, len(group.events)) for group in kinds]
    figures.append(Figure(_("Attendance (where recorded)"), attendance))
    return EventsSection("events", _("Symposia, seminars and other events"), figures, kinds=kinds)


# E-mail news -------------------------------------------------------------------------------------


@dataclass
class NewsSection(Section):
    dates: list = field(default_factory=list)


def news_issues_sent():
    return NewsIssue.objects.filter(status=NewsIssue.Status.SENT, finished_at__isnull=False)


def news_issues(year):
    sent = (
        news_issues_sent()
        .filter(finished_at__gte=year.starts_at, finished_at__lt=year.ends_at)
        .order_by("finished_at")
        .values_list("finished_at", flat=True)
    )
    dates = [timezone.localdate(moment) for moment in sent]
    return NewsSection("news", _("Members’ e-mail news"), [Figure(_("Issues sent"), len(dates))], dates=dates)


# Memberships -------------------------------------------------------------------------------------


def memberships(year):
    changes = membership_changes(before=year.ends_at)
    counts = defaultdict(int)
    for change in changes:
        if change.at in year:
            counts[change.joined, change.kind] += 1
    kinds = Membership.Kind
    figures = [
        Figure(_("New individual members"), counts[True, kinds.INDIVIDUAL]),
        Figure(_("New organisational members"), counts[True, kinds.ORGANISATIONAL]),
        Figure(_("Departed individual members"), counts[False, kinds.INDIVIDUAL]),
        Figure(_("Departed organisational members"), counts[False, kinds.ORGANISATIONAL]),
    ]
    return Section("memberships", _("Members"), figures)


# The database and the library --------------------------------------------------------------------


def projects(year):
    added = (
        CooperationProject.objects.visible_to_members()
        .filter(created_at__gte=year.starts_at, created_at__lt=year.ends_at)
        .count()
    )
    return Section("projects", _("Cooperation project database"), [Figure(_("Projects added"), added)])


@dataclass
class PublicationsSection(Section):
    public: list = field(default_factory=list)
    for_members: int = 0


def _publications(year, kinds, key, title, public_label, members_label):
    of_the_year = Report.objects.filter(fiscal_year=year.year, kind__in=kinds)
    public = list(
        of_the_year.visible_to(None).only("kind", "title_ja", "title_en", "published_on").order_by("kind", "pk")
    )
    for_members = of_the_year.visible_to_members().count() - len(public)
    figures = [Figure(public_label, len(public)), Figure(members_label, for_members)]
    return PublicationsSection(key, title, figures, public=public, for_members=for_members)


def surveys(year):
    return _publications(
        year, SURVEY_KINDS, "surveys", _("Surveys"), _("Public survey reports"), _("Survey reports for members")
    )


def reports(year):
    others = [kind for kind in Report.Kind.values if kind not in SURVEY_KINDS]
    return _publications(year, others, "reports", _("Reports"), _("Public reports"), _("Reports for members"))


# The report --------------------------------------------------------------------------------------


@dataclass
class ActivityReport:
    fiscal_year: FiscalYear
    foreword: ActivityForeword | None
    sections: list[Section]
    in_progress: bool

    @property
    def is_empty(self):
        return self.foreword is None and all(section.is_empty for section in self.sections)

    def rows(self):
        """(section, figure, count) for each figure, in the order the page shows them."""
        return [(section.title, figure.label, figure.value) for section in self.sections for figure in section.figures]


def activity_report(year, now=None):
    fiscal = FiscalYear(year)
    return ActivityReport(
        fiscal_year=fiscal,
        foreword=ActivityForeword.objects.filter(fiscal_year=year).first(),
        sections=[
            meetings(fiscal, now),
            events(fiscal, now),
            news_issues(fiscal),
            memberships(fiscal),
            projects(fiscal),
            reports(fiscal),
            surveys(fiscal),
        ],
        in_progress=fiscal.in_progress(now),
    )


def activity_years(now=None):
    """The fiscal years up to the present one that have anything to report, newest first."""
    months = [
        *meetings_held(now).dates("held_on", "month"),
        *Event.objects.held(now).datetimes("starts_at", "month"),
        *news_issues_sent().datetimes("finished_at", "month"),
        *CooperationProject.objects.visible_to_members().datetimes("created_at", "month"),
    ]
    years = {fiscal_year(month if not isinstance(month, datetime) else month.date()) for month in months}
    years.update(Report.objects.visible_to_members().values_list("fiscal_year", flat=True).distinct())
    years.update(ActivityForeword.objects.values_list("fiscal_year", flat=True))
    years.update(fiscal_year(timezone.localdate(change.at)) for change in membership_changes())
    present = fiscal_year(timezone.localdate(now))
    return sorted((year for year in years if year <= present), reverse=True)
