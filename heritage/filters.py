from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from consortium.bilingual import localized_ordering
from consortium.models import Country, Region
from heritage.models import HeritageSite, SiteFacetCodes
from search.facets import FacetFilter, YesNoFacetFilter, region_facet
from search.filterset import SearchFilterSet, YearFilter


class HeritageSiteFilterSet(SearchFilterSet):
    category = FacetFilter("category", label=_("Category"), choices=HeritageSite.Category.choices)
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries", reference=(Country, "code"))
    region = region_facet(Region.Scheme.UNESCO)
    in_danger = YesNoFacetFilter(
        Q(in_danger=True),
        label=_("List of World Heritage in Danger"),
        yes_label=_("in danger"),
        no_label=_("not in danger"),
    )
    world_heritage = YesNoFacetFilter(
        Q(whc_id__isnull=False),
        label=_("World Heritage"),
        yes_label=_("on the World Heritage List"),
        no_label=_("not on the World Heritage List"),
    )
    inscribed_from = YearFilter(label=_("Inscribed from (year)"), field_name="inscription_year", lookup_expr="gte")
    inscribed_to = YearFilter(label=_("Inscribed until (year)"), field_name="inscription_year", lookup_expr="lte")

    facet_codes = SiteFacetCodes

    SORTS = {
        "relevance": _("relevance"),
        "name": pgettext_lazy("heritage site", "name"),
        "year": _("year of inscription"),
        "updated": _("recently updated"),
    }

    class Meta:
        model = HeritageSite
        fields = []

    def ordering(self, sort):
        if sort == "year":
            return [F("inscription_year").desc(nulls_last=True), *localized_ordering("name"), "pk"]
        if sort == "updated":
            return ["-updated_at", "pk"]
        return [*localized_ordering("name"), "name_fr", "pk"]
