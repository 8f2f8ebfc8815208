"""The site list as a file, in the page's language (French names where a site has no other)."""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from consortium.models import DataExport
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from search.exports import Column, ListExport, choice, field, in_language, joined_names


def yes_no(name):
    return lambda row: gettext("yes") if row[name] else gettext("no")


class HeritageSiteExport(ListExport):
    kind = DataExport.Kind.SITES
    model = HeritageSite
    filterset_class = HeritageSiteFilterSet

    def columns(self):
        name = in_language("name")
        return [
            Column(_("Address"), self.address("heritage:detail")),
            Column(pgettext_lazy("heritage site", "Name"), lambda row: name(row) or row["name_fr"]),
            Column(_("Name (French)"), field("name_fr")),
            Column(_("World Heritage id"), field("whc_id")),
            Column(_("Category"), choice("category", HeritageSite.Category.choices)),
            Column(_("Countries"), field("country_names")),
            Column(_("Transboundary"), yes_no("transboundary")),
            Column(_("Year of inscription"), field("inscription_year")),
            Column(_("Criteria"), lambda row: " ".join(row["criteria"] or [])),
            Column(_("In danger"), yes_no("in_danger")),
            Column(_("Latitude"), field("latitude")),
            Column(_("Longitude"), field("longitude")),
            Column(_("Area (hectares)"), field("area_hectares")),
            Column(_("Description"), lambda row: in_language("description")(row) or row["description_fr"]),
        ]

    def rows(self, queryset):
        return queryset.annotate(
            country_names=joined_names(HeritageSite.countries.through, "heritagesite", "country"),
        ).values(
            "pk",
            "name_ja",
            "name_en",
            "name_fr",
            "whc_id",
            "category",
            "country_names",
            "transboundary",
            "inscription_year",
            "criteria",
            "in_danger",
            "latitude",
            "longitude",
            "area_hectares",
            "description_ja",
            "description_en",
            "description_fr",
        )
