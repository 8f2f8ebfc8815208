"""The expert list as a file: what a member sees on the list and detail pages, contact details included."""

from django.utils.translation import gettext_lazy as _

from consortium.models import DataExport
from consortium.visibility import Visibility
from experts.filters import ExpertFilterSet
from experts.models import Expert
from search.exports import Column, ListExport, choice, field, in_language, joined_names, localized_name, words


class ExpertExport(ListExport):
    kind = DataExport.Kind.EXPERTS
    model = Expert
    filterset_class = ExpertFilterSet

    def columns(self):
        return [
            Column(_("Address"), self.address("experts:detail")),
            Column(_("Name (kanji)"), words("family_name", "given_name")),
            Column(_("Name (kana)"), words("family_name_kana", "given_name_kana")),
            Column(_("Name (roman letters)"), words("given_name_en", "family_name_en")),
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

    def annotations(self):
        return {
            "organization_name": localized_name("organization"),
            "specialty_names": joined_names(Expert.specialties.through, "expert", "specialty"),
            "country_names": joined_names(Expert.countries.through, "expert", "country"),
            "language_names": joined_names(Expert.languages.through, "expert", "language"),
        }
