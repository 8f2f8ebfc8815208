"""CSV/XLSX columns of cooperation projects, for the staff admin's import and export.

Countries are ISO codes, sites World Heritage ids, funders their codes, all
separated by semicolons; organisations go by their English or Japanese names.
"""

from django.utils.translation import gettext
from import_export import fields

from consortium.resources import (
    CodeListWidget,
    CountryListWidget,
    OrganizationNameListWidget,
    OrganizationNameWidget,
    StaffResource,
)
from heritage.models import HeritageSite
from projects.models import CooperationProject, Funder


class CooperationProjectResource(StaffResource):
    countries = fields.Field(attribute="countries", column_name="countries", widget=CountryListWidget())
    sites = fields.Field(attribute="sites", column_name="sites", widget=CodeListWidget(HeritageSite, field="whc_id"))
    lead_organization = fields.Field(
        attribute="lead_organization", column_name="lead_organization", widget=OrganizationNameWidget()
    )
    partners = fields.Field(attribute="partners", column_name="partners", widget=OrganizationNameListWidget())
    funders = fields.Field(attribute="funders", column_name="funders", widget=CodeListWidget(Funder, field="code"))

    export_select_related = ("lead_organization",)
    export_prefetch_related = ("countries", "sites", "partners", "funders")

    class Meta(StaffResource.Meta):
        model = CooperationProject
        fields = (
            "id",
            "title_ja",
            "title_en",
            "summary_ja",
            "summary_en",
            "kind",
            "status",
            "start_year",
            "end_year",
            "countries",
            "sites",
            "lead_organization",
            "partners",
            "funders",
            "outcomes_ja",
            "outcomes_en",
            "website",
            "visibility",
        )

    def rule_errors(self, instance):
        if not instance.title_ja.strip() and not instance.title_en.strip():
            yield "title_en", gettext("A project needs a title in Japanese or in English.")
        start, end = instance.start_year, instance.end_year
        if start is not None and end is not None and end < start:
            yield (
                "end_year",
                gettext("The end year (%(end)s) is before the start year (%(start)s).") % {"end": end, "start": start},
            )
