"""CSV/XLSX columns of cooperation projects, for the staff admin's import and export.

Countries are ISO codes, sites World Heritage ids, funders their codes, all
separated by semicolons; the funding scheme is its code; organisations go by
their English or Japanese names.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from import_export import fields

from consortium.resources import (
    CodeListWidget,
    CountryListWidget,
    LookupWidget,
    OrganizationNameListWidget,
    OrganizationNameWidget,
    StaffResource,
)
from heritage.models import HeritageSite
from projects.models import CooperationProject, Funder, FundingScheme, funding_scheme_error


class CooperationProjectResource(StaffResource):
    countries = fields.Field(attribute="countries", column_name="countries", widget=CountryListWidget())
    sites = fields.Field(attribute="sites", column_name="sites", widget=CodeListWidget(HeritageSite, field="whc_id"))
    lead_organization = fields.Field(
        attribute="lead_organization", column_name="lead_organization", widget=OrganizationNameWidget()
    )
    partners = fields.Field(attribute="partners", column_name="partners", widget=OrganizationNameListWidget())
    funders = fields.Field(attribute="funders", column_name="funders", widget=CodeListWidget(Funder, field="code"))
    funding_scheme = fields.Field(
        attribute="funding_scheme", column_name="funding_scheme", widget=LookupWidget(FundingScheme, field="code")
    )

    export_select_related = ("lead_organization", "funding_scheme")
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
            "funding_scheme",
            "outcomes_ja",
            "outcomes_en",
            "website",
            "visibility",
        )

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        # The funders are a many-to-many column, read after saving: compare the scheme with the row's own.
        if "funding_scheme" not in errors:
            message = funding_scheme_error(instance.funding_scheme, self._funders(instance, row))
            if message:
                errors["funding_scheme"] = [ValidationError(message, code="invalid")]
        if errors:
            raise ValidationError(errors)

    def _funders(self, instance, row):
        """The project's funders once the row is imported: the row's, or the record's where the row has none."""
        field = self.fields["funders"]
        if field.column_name in row:
            try:
                return list(field.clean(row))
            except ValueError:
                return []  # An unknown funder is reported on its own column.
        return list(instance.funders.all()) if instance.pk else []

    def rule_errors(self, instance):
        if not instance.title_ja.strip() and not instance.title_en.strip():
            yield "title_en", gettext("A project needs a title in Japanese or in English.")
        start, end = instance.start_year, instance.end_year
        if start is not None and end is not None and end < start:
            yield (
                "end_year",
                gettext("The end year (%(end)s) is before the start year (%(start)s).") % {"end": end, "start": start},
            )
