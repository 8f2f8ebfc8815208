"""The project list as a file, in the page's language."""

from django.utils.translation import gettext_lazy as _

from consortium.fiscal import fiscal_year_range_label
from consortium.models import DataExport
from consortium.visibility import Visibility
from projects.filters import ProjectFilterSet
from projects.models import CooperationProject
from search.exports import Cell, Column, ListExport, choice, field, in_language, joined_names, localized_name

fiscal_years = Cell(
    ("start_year", "end_year"), lambda row: fiscal_year_range_label(row["start_year"], row["end_year"])
)


class ProjectExport(ListExport):
    kind = DataExport.Kind.PROJECTS
    model = CooperationProject
    filterset_class = ProjectFilterSet

    def columns(self):
        return [
            Column(_("Address"), self.address("projects:detail")),
            Column(_("Title"), in_language("title")),
            Column(_("Kind"), choice("kind", CooperationProject.Kind.choices)),
            Column(_("Status"), choice("status", CooperationProject.Status.choices)),
            Column(_("Start year"), field("start_year")),
            Column(_("End year"), field("end_year")),
            Column(_("Fiscal years"), fiscal_years),
            Column(_("Countries"), field("country_names")),
            Column(_("Heritage sites"), field("site_names")),
            Column(_("Lead organisation"), field("lead_name")),
            Column(_("Partner organisations"), field("partner_names")),
            Column(_("Funders"), field("funder_names")),
            Column(_("Funding scheme"), field("scheme_name")),
            Column(_("Summary"), in_language("summary")),
            Column(_("Outcomes"), in_language("outcomes")),
            Column(_("Website"), field("website")),
            Column(_("Visibility"), choice("visibility", Visibility.choices), staff_only=True),
        ]

    def annotations(self):
        Project = CooperationProject
        return {
            "lead_name": localized_name("lead_organization"),
            "scheme_name": localized_name("funding_scheme"),
            "country_names": joined_names(Project.countries.through, "cooperationproject", "country"),
            "site_names": joined_names(Project.sites.through, "cooperationproject", "heritagesite", also=["fr"]),
            "partner_names": joined_names(Project.partners.through, "cooperationproject", "organization"),
            "funder_names": joined_names(Project.funders.through, "cooperationproject", "funder"),
        }
