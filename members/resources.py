"""CSV/XLSX columns of organisations, for the staff admin's import and export."""

from django.utils.translation import gettext
from import_export import fields

from consortium.resources import CountryWidget, StaffResource
from members.models import Organization


class OrganizationResource(StaffResource):
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget())

    export_select_related = ("country",)

    class Meta(StaffResource.Meta):
        model = Organization
        fields = ("id", "name_ja", "name_en", "kind", "country", "website")

    def rule_errors(self, instance):
        if not instance.name_ja.strip() and not instance.name_en.strip():
            yield "name_en", gettext("An organisation needs a name in Japanese or in English.")
