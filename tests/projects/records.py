"""The projects the admin tests build: the records they point to, the projects, and their import header."""

from consortium.models import Country
from experts.models import Expert
from heritage.models import HeritageSite
from members.models import Organization
from projects.models import CooperationProject, Funder, Participation, ProjectDocument

HEADER = (
    "id,title_ja,title_en,summary_ja,summary_en,kind,status,start_year,end_year,countries,sites,lead_organization,"
    "partners,funders,funding_scheme,outcomes_ja,outcomes_en,website,visibility"
)


def make_links():
    """The records a project points to: a country, a site, organisations and a funder."""
    cambodia, _ = Country.objects.get_or_create(
        code="KH", defaults={"alpha3": "KHM", "name_ja": "カンボジア", "name_en": "Cambodia"}
    )
    site = HeritageSite.objects.create(name_en="Angkor", name_ja="アンコール", whc_id=668, category="cultural")
    site.countries.add(cambodia)
    lead = Organization.objects.create(name_ja="奈良文化財研究所", name_en="Nara Institute", kind="research_institute")
    partner = Organization.objects.create(name_ja="アプサラ機構", name_en="APSARA", kind="public_body")
    funder = Funder.objects.create(
        code="bunkacho", name_ja="文化庁", name_en="Agency for Cultural Affairs", kind="government"
    )
    return {"country": cambodia, "site": site, "lead": lead, "partner": partner, "funder": funder}


def make_projects(count, links):
    start = CooperationProject.objects.count()
    projects = CooperationProject.objects.bulk_create(
        CooperationProject(
            title_ja=f"アンコール保存{start + n}",
            title_en=f"Angkor conservation {start + n}",
            kind="conservation",
            start_year=2000,
            end_year=2005,
            lead_organization=links["lead"],
        )
        for n in range(count)
    )
    for project in projects:
        project.countries.add(links["country"])
        project.sites.add(links["site"])
        project.partners.add(links["partner"])
        project.funders.add(links["funder"])
    return projects


def add_team(project, count):
    """``count`` experts and documents of ``project``: the rows of the project's change form."""
    for n in range(count):
        expert = Expert.objects.create(family_name_en=f"Expert{n}", family_name=f"専門家{n}")
        Participation.objects.create(project=project, expert=expert, role="researcher")
        ProjectDocument.objects.create(project=project, title_en=f"Report {n}", url=f"https://example.org/{n}")
