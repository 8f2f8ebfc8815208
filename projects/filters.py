from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import localized_ordering
from consortium.models import Country, Region
from heritage.models import HeritageSite
from projects.models import CooperationProject, Funder, ProjectFacetCodes
from search.facets import FacetFilter, region_facet
from search.filterset import SearchFilterSet, YearFilter
from search.matching import matching


class ProjectFilterSet(SearchFilterSet):
    kind = FacetFilter("kind", label=_("Kind"), choices=CooperationProject.Kind.choices)
    funder = FacetFilter("funders__code", label=_("Funder"), label_path="funders", reference=(Funder, "code"))
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries", reference=(Country, "code"))
    region = region_facet(Region.Scheme.SUBCOMMITTEE)
    status = FacetFilter("status", label=_("Status"), choices=CooperationProject.Status.choices)
    year_from = YearFilter(label=_("Active from (year)"), method="filter_year_from")
    year_to = YearFilter(label=_("Active until (year)"), method="filter_year_to")

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

    def matching(self, query):
        # A project also matches through its sites: "Bamiyan" finds every project at Bamiyan.
        # A UNION of the two index searches, not an OR, which would scan every project.
        own = CooperationProject._base_manager.filter(matching(query)).values("pk")
        sites = HeritageSite._base_manager.filter(matching(query)).values("pk")
        through = CooperationProject.sites.through.objects.filter(heritagesite__in=sites)
        return Q(pk__in=own.union(through.values("cooperationproject_id")))

    def filter_year_from(self, queryset, name, value):
        # Projects still running in or after the year: ended then or later, or not ended.
        if value is None:
            return queryset
        return queryset.filter(Q(end_year__gte=value) | Q(end_year__isnull=True))

    def filter_year_to(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(start_year__lte=value)

    def ordering(self, sort):
        if sort == "year":
            return ["-start_year", *localized_ordering("title"), "pk"]
        if sort == "updated":
            return ["-updated_at", "pk"]
        return [*localized_ordering("title"), "pk"]
