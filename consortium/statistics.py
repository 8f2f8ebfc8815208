"""The public statistics page: counts only, drawn as server-rendered SVG bar charts.

Nothing here names a record. Staff-only records are never counted, so the
figures are the ones any member could arrive at from the database.
"""

import math
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Value
from django.db.models.functions import Floor
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from consortium.models import Country, Region
from experts.models import Expert
from heritage.models import HeritageSite
from members.access import seen_by_members
from projects.models import CooperationProject

TOP_COUNTRIES = 15
# The figures are aggregates over the whole database and change slowly; every
# process shares them through the cache for a few minutes instead of counting
# hundreds of thousands of rows on each visit to the home page.
FIGURES_CACHE_SECONDS = 300
ROW_HEIGHT = 28
LABEL_WIDTH = 250
CHART_WIDTH = 640
COLUMN_CHART_HEIGHT = 220


@dataclass
class Bar:
    label: str
    value: int
    url: str = ""
    x: float = 0
    y: float = 0
    width: float = 0
    height: float = 0

    @property
    def middle_x(self):
        return round(self.x + self.width / 2, 1)

    @property
    def middle_y(self):
        return round(self.y + self.height / 2 + 5, 1)

    @property
    def end_x(self):
        return round(self.x + self.width + 6, 1)

    @property
    def above_y(self):
        return round(self.y - 4, 1)


@dataclass
class BarChart:
    """A bar chart, laid out here so the template only places what is computed."""

    slug: str
    title: str
    label_heading: str
    bars: list[Bar] = field(default_factory=list)
    columns: bool = False
    width: int = CHART_WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    tick_every: int = 1
    axis_y: int = COLUMN_CHART_HEIGHT + 30

    def __post_init__(self):
        top = max((bar.value for bar in self.bars), default=0) or 1
        if self.columns:
            self.height = COLUMN_CHART_HEIGHT + 40
            step = self.width / max(len(self.bars), 1)
            self.tick_every = max(1, round(len(self.bars) / 12))
            for index, bar in enumerate(self.bars):
                bar.height = round(COLUMN_CHART_HEIGHT * bar.value / top, 1)
                bar.width = round(step * 0.8, 1)
                bar.x = round(index * step + step * 0.1, 1)
                bar.y = round(COLUMN_CHART_HEIGHT - bar.height + 10, 1)
        else:
            self.height = ROW_HEIGHT * len(self.bars)
            room = self.width - self.label_width - 60
            for index, bar in enumerate(self.bars):
                bar.x = self.label_width
                bar.y = index * ROW_HEIGHT
                bar.height = ROW_HEIGHT - 8
                bar.width = round(room * bar.value / top, 1)

    @property
    def total(self):
        return sum(bar.value for bar in self.bars)


def projects_by_region():
    regions = (
        Region.objects.filter(scheme=Region.Scheme.UNESCO)
        .annotate(
            count=Count(
                "unesco_countries__projects",
                filter=seen_by_members("unesco_countries__projects__"),
                distinct=True,
            )
        )
        .order_by("order", "code")
    )
    return [Bar(str(region), region.count) for region in regions]


def projects_by_year():
    rows = (
        CooperationProject.objects.visible_to_members()
        .values("start_year")
        .annotate(count=Count("pk"))
        .order_by("start_year")
    )
    counts = {row["start_year"]: row["count"] for row in rows}
    if not counts:
        return []
    return [Bar(str(year), counts.get(year, 0)) for year in range(min(counts), max(counts) + 1)]


def _top_countries(relation, condition=None):
    countries = (
        Country.objects.annotate(count=Count(relation, filter=condition, distinct=True))
        .filter(count__gt=0)
        .order_by("-count", "name_en")[:TOP_COUNTRIES]
    )
    return [Bar(str(country), country.count, url=country.get_absolute_url()) for country in countries]


def sites_by_country():
    return _top_countries("heritage_sites")


def experts_by_country():
    return _top_countries("experts", seen_by_members("experts__"))


MAP_CELL_DEGREES = 5
MAP_MAX_RADIUS = 6


@dataclass
class MapCell:
    """Projects at sites within one cell of the map's grid: a count, never the projects themselves."""

    x: float
    y: float
    count: int
    radius: float = 0


def cooperation_map():
    """Cooperation projects by place, gathered into cells of a few degrees, in the map's coordinates.

    The map is an equirectangular projection: x = longitude + 180, y = 90 - latitude.
    """
    sites = (
        HeritageSite.objects.filter(seen_by_members("projects__"), latitude__isnull=False)
        .annotate(
            cell_lat=Floor(F("latitude") / MAP_CELL_DEGREES),
            cell_lon=Floor(F("longitude") / MAP_CELL_DEGREES),
        )
        .values("cell_lat", "cell_lon")
        .annotate(count=Count("projects", distinct=True))
    )
    cells = [
        MapCell(
            x=round((float(row["cell_lon"]) + 0.5) * MAP_CELL_DEGREES + 180, 1),
            y=round(90 - (float(row["cell_lat"]) + 0.5) * MAP_CELL_DEGREES, 1),
            count=row["count"],
        )
        for row in sites
    ]
    top = max((cell.count for cell in cells), default=1)
    for cell in cells:
        cell.radius = round(1.2 + (MAP_MAX_RADIUS - 1.2) * math.sqrt(cell.count / top), 2)
    return sorted(cells, key=lambda cell: -cell.count)


def home_figures():
    """The headline counts, for the home page and the statistics page (cached for a few minutes)."""
    figures = cache.get("statistics:figures")
    if figures is None:
        figures = _count_figures()
        cache.set("statistics:figures", figures, FIGURES_CACHE_SECONDS)
    return figures


def _figure(name, queryset, count=None):
    """One row, (figure, count), of the figures' single query."""
    return queryset.order_by().annotate(figure=Value(name)).values("figure").annotate(count=count or Count("pk"))


def _count_figures():
    """Every headline count in one query: what any member may count, and nothing staff-only."""
    projects = CooperationProject.objects.visible_to_members()
    rows = (
        _figure("projects", projects)
        .union(
            _figure("countries", projects, Count("countries", distinct=True)),
            _figure("experts", Expert.objects.visible_to_members()),
            _figure("sites", HeritageSite.objects.visible_to_members()),
            all=True,
        )
        .order_by()
    )
    return {row["figure"]: row["count"] for row in rows}


def _charts():
    return [
        BarChart("regions", _("Cooperation projects by region"), _("UNESCO region"), projects_by_region()),
        BarChart("years", _("Cooperation projects by starting year"), _("Year"), projects_by_year(), columns=True),
        BarChart("sites", _("Heritage sites by country (top 15)"), _("Country"), sites_by_country()),
        BarChart("experts", _("Experts by country of field experience (top 15)"), _("Country"), experts_by_country()),
    ]


@require_GET
def statistics(request):
    # Chart labels are country and region names in the page's language: one cache entry per language.
    charts, map_cells = cache.get_or_set(
        f"statistics:charts:{get_language()}", lambda: (_charts(), cooperation_map()), FIGURES_CACHE_SECONDS
    )
    context = {"charts": charts, "totals": home_figures(), "map_cells": map_cells}
    return render(request, "consortium/statistics.html", context)
