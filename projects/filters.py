"""The project list's search: words, facets (kind, funder and scheme, country, region, status) and fiscal years.

A project counts in a fiscal year when its period, from its start year to its end year (both fiscal years,
April to March), overlaps it; a project with no end counts in every year from its start. The filters
``fy_from`` and ``fy_to`` keep the projects that overlap the run of fiscal years between them.
"""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized_ordering
from consortium.models import Country, Region
from heritage.models import HeritageSite
from projects.models import CooperationProject, Funder, FundingScheme, ProjectFacetCodes
from search.facets import FacetFilter, region_facet
from search.filterset import SearchFilterSet, YearFilter
from search.matching import matching

FISCAL_YEAR_HELP = _("A fiscal year runs from April to March: 2024 is April 2024 to March 2025.")

# Addresses shared before the years were named fiscal years say year_from and year_to; they mean the same.
FORMER_NAMES = {"year_from": "fy_from", "year_to": "fy_to"}


class ProjectSearchForm(forms.Form):
    def clean(self):
        cleaned_data = super().clean()
        first, last = cleaned_data.get("fy_from"), cleaned_data.get("fy_to")
        if first is not None and last is not None and last < first:
            self.add_error("fy_to", _("It is before the first fiscal year."))
        return cleaned_data


class ProjectFilterSet(SearchFilterSet):
    kind = FacetFilter("kind", label=_("Kind"), choices=CooperationProject.Kind.choices)
    funder = FacetFilter("funders__code", label=_("Funder"), label_path="funders", reference=(Funder, "code"))
    scheme = FacetFilter(
        "funding_scheme__code",
        label=_("Funding scheme"),
        label_path="funding_scheme",
        reference=(FundingScheme, "code"),
    )
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries", reference=(Country, "code"))
    region = region_facet(Region.Scheme.SUBCOMMITTEE)
    status = FacetFilter("status", label=_("Status"), choices=CooperationProject.Status.choices)
    fy_from = YearFilter(
        label=_("From fiscal year"), method="filter_fy_from", min_value=1900, help_text=FISCAL_YEAR_HELP
    )
    fy_to = YearFilter(label=_("Until fiscal year"), method="filter_fy_to", min_value=1900)

    facet_codes = ProjectFacetCodes

    SORTS = {
        "relevance": _("relevance"),
        "name": _("title"),
        "year": _("year (newest first)"),
        "updated": _("recently updated"),
    }

    class Meta:
        model = CooperationProject
        fields = []
        form = ProjectSearchForm

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and any(old in data and new not in data for old, new in FORMER_NAMES.items()):
            data = data.copy()
            for old, new in FORMER_NAMES.items():
                if old in data and new not in data:
                    data[new] = data[old]
        super().__init__(data, *args, **kwargs)

    def matching(self, query):
        # A project also matches through its sites: "Bamiyan" finds every project at Bamiyan.
        # A UNION of the two index searches, not an OR, which would scan every project.
        own = CooperationProject._base_manager.filter(matching(query)).values("pk")
        sites = HeritageSite._base_manager.filter(matching(query)).values("pk")
        through = CooperationProject.sites.through.objects.filter(heritagesite__in=sites)
        return Q(pk__in=own.union(through.values("cooperationproject_id")))

    def filter_fy_from(self, queryset, name, value):
        # Projects still running in or after the fiscal year: ended then or later, or not ended.
        if value is None:
            return queryset
        return queryset.filter(Q(end_year__gte=value) | Q(end_year__isnull=True))

    def filter_fy_to(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(start_year__lte=value)

    def ordering(self, sort):
        if sort == "year":
            return ["-start_year", *localized_ordering("title"), "pk"]
        if sort == "updated":
            return ["-updated_at", "pk"]
        return [*localized_ordering("title"), "pk"]
