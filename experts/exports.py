"""The expert list as a file: what a member sees on the list and detail pages, contact details included."""

from django.utils.translation import gettext_lazy as _

from consortium.models import DataExport
from consortium.visibility import Visibility
from experts.filters import ExpertFilterSet
from experts.models import Expert
from search.exports import Column, ListExport, choice, field, in_language, joined_names, localized_name


class ExpertExport(ListExport):
    kind = DataExport.Kind.EXPERTS
    model = Expert
    filterset_class = ExpertFilterSet

    def columns(self):
        return [
            Column(_("Address"), self.address("experts:detail")),
            Column(_("Name (kanji)"), lambda row: f"{row['family_name']} {row['given_name']}".strip()),
            Column(_("Name (kana)"), lambda row: f"{row['family_name_kana']} {row['given_name_kana']}".strip()),
            Column(_("Name (roman letters)"), lambda row: f"{row['given_name_en']} {row['family_name_en']}".strip()),
            Column(_("Affiliation"), field("organization_name")),
            Column(_("Department"), field("department")),
            Column(_("Position"), in_language("position")),
            Column(_("Specialties"), field("specialty_names")),
            Column(_("Countries of field experience"), field("country_names")),
            Column(_("Languages"), field("language_names")),
            Column(_("E-mail"), field("email")),
            Column(_("Telephone"), field("phone")),
            Column(_("Biography"), in_language("biography")),
            Column(_("Visibility"), choice("visibility", Visibility.choices), staff_only=True),
        ]

    def rows(self, queryset):
        return queryset.annotate(
            organization_name=localized_name("organization"),
            specialty_names=joined_names(Expert.specialties.through, "expert", "specialty"),
            country_names=joined_names(Expert.countries.through, "expert", "country"),
            language_names=joined_names(Expert.languages.through, "expert", "language"),
        ).values(
            "pk",
            "family_name",
            "given_name",
            "family_name_kana",
            "given_name_kana",
            "family_name_en",
            "given_name_en",
            "organization_name",
            "department",
            "position_ja",
            "position_en",
            "specialty_names",
            "country_names",
            "language_names",
            "email",
            "phone",
            "biography_ja",
            "biography_en",
            "visibility",
        )
