"""CSV/XLSX columns of experts, for the staff admin's import and export.

Specialties, countries and languages are codes separated by semicolons
("archaeology;conservation-science", "KH;VN", "en;fr"); the affiliation is the
organisation's English or Japanese name.
"""

from django.utils.translation import gettext
from import_export import fields

from consortium.resources import (
    CodeListWidget,
    CountryListWidget,
    LanguageListWidget,
    OrganizationNameWidget,
    StaffResource,
)
from experts.models import Expert, Specialty


class ExpertResource(StaffResource):
    organization = fields.Field(attribute="organization", column_name="organization", widget=OrganizationNameWidget())
    specialties = fields.Field(
        attribute="specialties", column_name="specialties", widget=CodeListWidget(Specialty, field="code")
    )
    countries = fields.Field(attribute="countries", column_name="countries", widget=CountryListWidget())
    languages = fields.Field(attribute="languages", column_name="languages", widget=LanguageListWidget())

    export_select_related = ("organization",)
    export_prefetch_related = ("specialties", "countries", "languages")

    class Meta(StaffResource.Meta):
        model = Expert
        fields = (
            "id",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "family_name_en",
            "given_name_en",
            "organization",
            "department",
            "position_ja",
            "position_en",
            "specialties",
            "countries",
            "languages",
            "biography_ja",
            "biography_en",
            "email",
            "phone",
            "visibility",
        )

    def rule_errors(self, instance):
        if not instance.family_name.strip() and not instance.family_name_en.strip():
            yield "family_name_en", gettext("An expert needs a family name in kanji or in roman letters.")
