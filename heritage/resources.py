"""CSV/XLSX columns of heritage sites, for the staff admin's import and export.

Countries are ISO codes and threats their codes, separated by semicolons;
criteria are roman numerals separated the same way ("i;iii;iv").
"""

from django.utils.translation import gettext
from import_export import fields, widgets

from consortium.resources import SEPARATOR, CodeListWidget, CountryListWidget, StaffResource
from heritage.models import HeritageSite, Threat

CRITERIA = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}


class CriteriaWidget(widgets.Widget):
    """World Heritage criteria as "i;iii;iv"; anything but the roman numerals i to x is an error."""

    def clean(self, value, row=None, **kwargs):
        criteria = [c.strip().lower() for c in str(value or "").replace(",", SEPARATOR).split(SEPARATOR) if c.strip()]
        unknown = [c for c in criteria if c not in CRITERIA]
        if unknown:
            raise ValueError(
                gettext("Not World Heritage criteria: %(values)s. Use roman numerals from i to x.")
                % {"values": ", ".join(unknown)}
            )
        return criteria

    def render(self, value, obj=None, **kwargs):
        return SEPARATOR.join(value or [])


class HeritageSiteResource(StaffResource):
    countries = fields.Field(attribute="countries", column_name="countries", widget=CountryListWidget())
    criteria = fields.Field(attribute="criteria", column_name="criteria", widget=CriteriaWidget())
    threats = fields.Field(attribute="threats", column_name="threats", widget=CodeListWidget(Threat, field="code"))

    export_prefetch_related = ("countries", "threats")

    class Meta(StaffResource.Meta):
        model = HeritageSite
        fields = (
            "id",
            "whc_id",
            "name_ja",
            "name_en",
            "name_fr",
            "category",
            "countries",
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
            "threats",
        )

    def rule_errors(self, instance):
        if not (instance.name_ja.strip() or instance.name_en.strip() or instance.name_fr.strip()):
            yield "name_en", gettext("A site needs a name in Japanese, English or French.")
        latitude, longitude = instance.latitude, instance.longitude
        if (latitude is None) != (longitude is None):
            yield "longitude" if longitude is None else "latitude", gettext("Give both coordinates, or neither.")
        if latitude is not None and not -90 <= latitude <= 90:
            yield "latitude", gettext("The latitude must be between -90 and 90.")
        if longitude is not None and not -180 <= longitude <= 180:
            yield "longitude", gettext("The longitude must be between -180 and 180.")

    def get_instance(self, instance_loader, row):
        # A row without an id still updates the site that has its World Heritage id.
        instance = super().get_instance(instance_loader, row)
        if instance is None and not row.get("id") and row.get("whc_id") not in (None, ""):
            try:
                whc_id = int(row["whc_id"])
            except (TypeError, ValueError):
                return None
            instance = HeritageSite.objects.filter(whc_id=whc_id).first()
        return instance
