"""The partner countries' pages: what the portal knows of each country, under the access rule.

Who sees what (the rule of ``members.access``, applied through each model's
``visible_to`` and ``countable_by``; nothing here decides it again):

- Everyone sees the country's name, its profile (staff write it for the public)
  and counts of its heritage sites, cooperation projects and experts. Those
  who may use the database count what they see there; everyone else counts
  what every member sees (``countable_by``), the figures the public statistics
  page shows too, so a staff-only record is never counted for them.
- Only those who may use the database (``can_use_database``: active members,
  staff) see the records themselves: site names and the map, project titles,
  experts. No public page names a site or a project, so neither does this one
  for visitors, applicants or suspended members.

The reports about the country are listed for everyone as the reports library
shows them (``Report.objects.visible_to``): public ones to all, members-only
and staff-only ones to those who may read them. So are the news and events
about the country, as the news and events pages show them: the latest
published articles (``NewsArticle.objects.published``), and the upcoming and
latest past announced events (``Event.objects.upcoming`` and ``past``), a
members-only event marked as such, as on the events list, where everyone
sees it announced and only members may register.
"""

from collections import Counter, defaultdict

from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from consortium.fiscal import fiscal_year_label
from consortium.models import Country, CountryProfile
from events.views.events import events_about
from events.views.news import news_about
from experts.models import Expert
from heritage.maps import map_data
from heritage.models import HeritageSite
from members.access import can_use_database
from projects.models import CooperationProject
from reports.views import reports_about
from search.columns import search_columns

STATUS_ORDER = [
    CooperationProject.Status.ONGOING,
    CooperationProject.Status.PLANNED,
    CooperationProject.Status.COMPLETED,
]
# A country may have thousands of experts and projects in the database: the page shows the latest
# projects and the first experts by name, and links to the database's search for the rest.
PROJECTS_SHOWN = 50
EXPERTS_SHOWN = 30
PROFILE_SECTIONS = [
    ("protection", _("Protection of cultural heritage")),
    ("needs", _("Requests and needs for cooperation")),
    ("japan", _("Japan's cooperation so far")),
    ("sources", _("Sources")),
]


def _counts_by_country(queryset):
    """{country code: number of records} of ``queryset``, in one query."""
    rows = queryset.order_by().filter(countries__isnull=False).values_list("countries").annotate(n=Count("pk"))
    return dict(rows)


@require_GET
def country_list(request):
    """The partner countries: those with a heritage site or a project the visitor may count, by region."""
    user = request.user
    sites = _counts_by_country(HeritageSite.objects.countable_by(user))
    projects = _counts_by_country(CooperationProject.objects.countable_by(user))
    countries = Country.objects.filter(code__in=set(sites) | set(projects)).select_related("subcommittee_region")
    groups = defaultdict(list)
    for country in countries:
        country.site_count = sites.get(country.code, 0)
        country.project_count = projects.get(country.code, 0)
        groups[country.subcommittee_region].append(country)
    regions = sorted(groups, key=lambda region: (region is None, region.order if region else 0, str(region or "")))
    context = {
        "regions": [(region, sorted(groups[region], key=str)) for region in regions],
        "country_count": len(countries),
    }
    return render(request, "consortium/country_list.html", context)


def _get_country(code):
    """The country whose ISO code is ``code``, in any case; 404 for any other code."""
    try:
        return Country.objects.select_related("subcommittee_region", "unesco_region").get(code=code.upper())
    except Country.DoesNotExist:
        raise Http404 from None


def project_groups(projects):
    """Projects by status, then by the fiscal year they started in (newest first): [(status, [(FY, [..])])].

    A project records the year it started, which the consortium counts in fiscal years."""
    by_status = defaultdict(lambda: defaultdict(list))
    for project in projects:
        by_status[project.status][project.start_year].append(project)
    return _ordered(by_status)


def project_counts(rows):
    """The grouping of ``project_groups`` from (status, start year, count) rows: [(status, [(FY, count)])]."""
    by_status = defaultdict(Counter)
    for status, year, count in rows:
        by_status[status][year] += count
    return _ordered(by_status)


def _ordered(by_status):
    return [
        (status.label, [(fiscal_year_label(year), by_year[year]) for year in sorted(by_year, reverse=True)])
        for status in STATUS_ORDER
        if (by_year := by_status.get(status))
    ]


@require_GET
def country_detail(request, code):
    country = _get_country(code)
    canonical = code.lower()
    if code != canonical:
        return redirect(country.get_absolute_url(), permanent=True)
    user = request.user
    sees_records = can_use_database(user)
    sites = HeritageSite.objects.countable_by(user).filter(countries=country)
    projects = CooperationProject.objects.countable_by(user).filter(countries=country)
    experts = Expert.objects.countable_by(user).filter(countries=country)
    context = {
        "country": country,
        "sees_records": sees_records,
        "profile": _profile(country),
        "reports": reports_about(user, countries=country),
        "news": news_about(countries=country),
    }
    context["upcoming_events"], context["recent_events"] = events_about(countries=country)
    if sees_records:
        site_rows = list(
            sites.only("pk", "name_ja", "name_en", "name_fr", "category", "in_danger", "latitude", "longitude")
        )
        project_rows = list(
            projects.only("pk", "title_ja", "title_en", "status", "kind", "start_year", "end_year").order_by(
                "-start_year", "pk"
            )[:PROJECTS_SHOWN]
        )
        expert_rows = list(
            experts.select_related("organization")
            .defer(*search_columns())
            .order_by("family_name_en", "given_name_en", "pk")[:EXPERTS_SHOWN]
        )
        context.update(
            sites=site_rows,
            site_count=len(site_rows),
            map=map_data(site_rows),
            project_groups=project_groups(project_rows),
            shown_projects=len(project_rows),
            project_count=projects.count() if len(project_rows) == PROJECTS_SHOWN else len(project_rows),
            experts=expert_rows,
            expert_count=experts.count() if len(expert_rows) == EXPERTS_SHOWN else len(expert_rows),
        )
    else:
        rows = list(projects.order_by().values_list("status", "start_year").annotate(n=Count("pk")))
        context.update(
            site_count=sites.count(),
            project_groups=project_counts(rows),
            project_count=sum(row[2] for row in rows),
            expert_count=experts.count(),
        )
    return render(request, "consortium/country_detail.html", context)


def _profile(country):
    """The country's profile, with each filled section as (heading, text, HTML); None without one."""
    profile = CountryProfile.objects.filter(country=country).first()
    if profile is None:
        return None
    sections = [(heading, *profile.section_html(section)) for section, heading in PROFILE_SECTIONS]
    profile.sections = [(heading, text, html) for heading, text, html in sections if text.text]
    return profile
