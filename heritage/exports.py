"""The site list as a file, in the page's language (French names where a site has no other)."""

from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from consortium.models import DataExport
from heritage.filters import HeritageSiteFilterSet
from heritage.models import HeritageSite
from search.exports import Cell, Column, ListExport, choice, field, in_language, joined_names


def yes_no(name):
    return Cell((name,), lambda row: gettext("yes") if row[name] else gettext("no"))


class HeritageSiteExport(ListExport):
    kind = DataExport.Kind.SITES
    model = HeritageSite
    filterset_class = HeritageSiteFilterSet

    def columns(self):
        return [
            Column(_("Address"), self.address("heritage:detail")),
            Column(pgettext_lazy("heritage site", "Name"), in_language("name", also=["fr"])),
            Column(_("Name (French)"), field("name_fr")),
            Column(_("World Heritage id"), field("whc_id")),
            Column(_("Category"), choice("category", HeritageSite.Category.choices)),
            Column(_("Countries"), field("country_names")),
            Column(_("Transboundary"), yes_no("transboundary")),
            Column(_("Year of inscription"), field("inscription_year")),
            Column(_("Criteria"), Cell(("criteria",), lambda row: " ".join(row["criteria"] or []))),
            Column(_("In danger"), yes_no("in_danger")),
            Column(_("Latitude"), field("latitude")),
            Column(_("Longitude"), field("longitude")),
            Column(_("Area (hectares)"), field("area_hectares")),
            Column(_("Description"), in_language("description", also=["fr"])),
        ]

    def annotations(self):
        return {"country_names": joined_names(HeritageSite.countries.through, "heritagesite", "country")}
