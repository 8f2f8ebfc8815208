from django.utils.translation import gettext_lazy as _

from consortium.bilingual import current_language
from consortium.models import Country, Language, Region
from experts.models import Expert, ExpertFacetCodes, Specialty
from members.models import Organization
from search.facets import FacetFilter, region_facet
from search.filterset import SearchFilterSet


class ExpertFilterSet(SearchFilterSet):
    specialty = FacetFilter(
        "specialties__code", label=_("Specialty"), label_path="specialties", reference=(Specialty, "code")
    )
    country = FacetFilter(
        "countries__code", label=_("Country of field experience"), label_path="countries", reference=(Country, "code")
    )
    region = region_facet(Region.Scheme.SUBCOMMITTEE)
    language = FacetFilter(
        "languages__code", label=_("Language"), label_path="languages", reference=(Language, "code")
    )
    organization_kind = FacetFilter(
        "organization__kind", label=_("Organisation kind"), choices=Organization.Kind.choices
    )

    facet_codes = ExpertFacetCodes

    SORTS = {
        "relevance": _("relevance"),
        "name": _("name"),
        "updated": _("recently updated"),
    }

    class Meta:
        model = Expert
        fields = []

    def ordering(self, sort):
        if sort == "updated":
            return ["-updated_at", "pk"]
        if current_language() == "ja":
            return ["family_name_kana", "given_name_kana", "family_name_en", "given_name_en", "pk"]
        return ["family_name_en", "given_name_en", "family_name_kana", "pk"]
