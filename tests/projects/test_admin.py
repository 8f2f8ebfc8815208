"""The staff admin of cooperation projects, funders and participations: pages, queries, history, import, export."""

import pytest
from django.urls import reverse

from consortium.models import Country
from experts.models import Expert
from heritage.models import HeritageSite
from members.models import Organization
from projects.models import CooperationProject, Funder, Participation, ProjectDocument
from projects.resources import CooperationProjectResource
from tests.admin_checks import (
    assert_export_columns,
    assert_export_imports_back_unchanged,
    assert_flat_queries,
    assert_members_are_sent_to_the_admin_login,
    count_queries,
    import_preview,
)

pytestmark = pytest.mark.django_db

HEADER = (
    "id,title_ja,title_en,summary_ja,summary_en,kind,status,start_year,end_year,countries,sites,lead_organization,"
    "partners,funders,funding_scheme,outcomes_ja,outcomes_en,website,visibility"
)


@pytest.fixture
def links():
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


def test_project_changelist_runs_a_fixed_number_of_queries(staff_client, links):
    make_projects(2, links)
    url = reverse("admin:projects_cooperationproject_changelist")
    assert_flat_queries(staff_client, url, lambda: make_projects(20, links), most=12)


def test_project_changelist_filters_in_a_fixed_number_of_queries(staff_client, links):
    make_projects(2, links)
    url = (
        reverse("admin:projects_cooperationproject_changelist") + f"?funders__id__exact={links['funder'].pk}&q=Angkor"
    )
    assert_flat_queries(staff_client, url, lambda: make_projects(20, links), most=12)
    assert staff_client.get(url).context["cl"].result_count == 22


def test_project_change_form_runs_a_fixed_number_of_queries_whatever_its_team_and_documents(staff_client, links):
    [project] = make_projects(1, links)

    def add_team(count):
        for n in range(count):
            expert = Expert.objects.create(family_name_en=f"Expert{n}", family_name=f"専門家{n}")
            Participation.objects.create(project=project, expert=expert, role="researcher")
            ProjectDocument.objects.create(project=project, title_en=f"Report {n}", url=f"https://example.org/{n}")

    add_team(1)
    url = reverse("admin:projects_cooperationproject_change", args=[project.pk])
    assert_flat_queries(staff_client, url, lambda: add_team(15), most=25)
    page = staff_client.get(url).content.decode()
    for participation in Participation.objects.select_related("expert"):
        assert f'<option value="{participation.expert_id}" selected>{participation.expert}</option>' in page


def test_project_add_form_and_funder_and_participation_pages_open(staff_client, links):
    assert count_queries(staff_client, reverse("admin:projects_cooperationproject_add")) <= 12
    funder = links["funder"]

    def add_funders():
        Funder.objects.bulk_create(
            Funder(code=f"f{n}", name_ja=f"財団{n}", name_en=f"Foundation {n}", kind="foundation") for n in range(20)
        )

    assert_flat_queries(staff_client, reverse("admin:projects_funder_changelist"), add_funders, most=10)
    assert count_queries(staff_client, reverse("admin:projects_funder_change", args=[funder.pk])) <= 10
    assert count_queries(staff_client, reverse("admin:projects_funder_add")) <= 10

    [project] = make_projects(1, links)

    def add_participations():
        for n in range(20):
            expert = Expert.objects.create(family_name_en=f"Member{n}")
            Participation.objects.create(project=project, expert=expert)

    add_participations()
    url = reverse("admin:projects_participation_changelist")
    assert_flat_queries(staff_client, url, add_participations, most=10)
    participation = Participation.objects.first()
    assert count_queries(staff_client, reverse("admin:projects_participation_change", args=[participation.pk])) <= 12
    assert count_queries(staff_client, reverse("admin:projects_participation_add")) <= 10


def test_an_admin_edit_of_a_project_is_recorded_with_old_and_new_values(staff_client, staff, links):
    [project] = make_projects(1, links)
    data = {
        "title_ja": project.title_ja,
        "title_en": "Safeguarding Angkor",
        "summary_ja": "",
        "summary_en": "",
        "kind": "conservation",
        "status": "completed",
        "start_year": "2000",
        "end_year": "2005",
        "website": "",
        "visibility": "members",
        "countries": [links["country"].pk],
        "sites": [links["site"].pk],
        "lead_organization": links["lead"].pk,
        "partners": [links["partner"].pk],
        "funders": [links["funder"].pk],
        "outcomes_ja": "",
        "outcomes_en": "",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    response = staff_client.post(reverse("admin:projects_cooperationproject_change", args=[project.pk]), data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    latest = project.history.latest()
    changes = {change.field: (change.old, change.new) for change in latest.diff_against(latest.prev_record).changes}
    assert changes["title_en"] == (project.title_en, "Safeguarding Angkor")
    assert changes["status"] == ("ongoing", "completed")
    assert latest.history_user == staff
    history_page = staff_client.get(reverse("admin:projects_cooperationproject_history", args=[project.pk]))
    assert history_page.status_code == 200
    assert "Safeguarding Angkor" in history_page.content.decode()


def test_an_end_year_before_the_start_year_is_refused_by_the_change_form(staff_client, links):
    response = staff_client.post(
        reverse("admin:projects_cooperationproject_add"),
        {
            "title_en": "Backwards",
            "kind": "research",
            "status": "planned",
            "start_year": "2010",
            "end_year": "2005",
            "visibility": "members",
            "participations-TOTAL_FORMS": "0",
            "participations-INITIAL_FORMS": "0",
            "documents-TOTAL_FORMS": "0",
            "documents-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not CooperationProject.objects.exists()


def test_import_preview_rejects_each_bad_row_with_its_reason_and_writes_nothing(staff_client, links):
    content = "\n".join(
        [
            HEADER,
            ",アンコール,Angkor,,,conservation,ongoing,2001,2004,KH,668,Nara Institute,APSARA,bunkacho,,,,,members",
            ",逆行,Backwards,,,research,completed,2010,2005,KH,,,,,,,,,members",
            ",,,,,research,planned,2020,,KH,,,,,,,,,members",
            ",不明,Unknown site,,,research,planned,2020,,QQ,99999,,,nobody,,,,,members",
        ]
    )
    response = import_preview(staff_client, reverse("admin:projects_cooperationproject_import"), content)
    assert response.status_code == 200
    errors = {row.number: row.error_dict for row in response.context["result"].invalid_rows}
    assert set(errors) == {2, 3, 4}
    assert errors[2]["end_year"] == ["The end year (2005) is before the start year (2010)."]
    assert errors[3]["title_en"] == ["A project needs a title in Japanese or in English."]
    assert errors[4]["countries"] == ["Unknown countries: QQ."]
    assert errors[4]["sites"] == ["Unknown heritage sites: 99999."]
    assert errors[4]["funders"] == ["Unknown funders: nobody."]
    assert "confirm_form" not in response.context
    assert not CooperationProject.objects.exists()


def test_a_clean_import_links_every_related_record_on_confirmation(staff_client, links):
    row = ",アンコール,Angkor,,,conservation,ongoing,2001,2004,KH,668,奈良文化財研究所,APSARA,bunkacho,,,,,members"
    content = f"{HEADER}\n{row}\n"
    preview = import_preview(staff_client, reverse("admin:projects_cooperationproject_import"), content)
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["new"]
    assert not CooperationProject.objects.exists()

    response = staff_client.post(
        reverse("admin:projects_cooperationproject_process_import"), preview.context["confirm_form"].initial
    )
    assert response.status_code == 302
    project = CooperationProject.objects.get()
    assert project.lead_organization == links["lead"]
    assert list(project.sites.all()) == [links["site"]]
    assert list(project.partners.all()) == [links["partner"]]
    assert list(project.funders.all()) == [links["funder"]]


def test_an_exported_file_imports_back_as_unchanged_rows(staff_client, links):
    make_projects(3, links)
    assert_export_imports_back_unchanged(
        staff_client, "projects_cooperationproject", CooperationProjectResource, rows=3
    )


def test_export_has_the_resource_columns_in_csv_and_xlsx(staff_client, links):
    make_projects(2, links)
    assert_export_columns(
        staff_client,
        "projects_cooperationproject",
        CooperationProjectResource,
        HEADER,
        "KH,668,Nara Institute,APSARA,bunkacho,",
    )


def test_non_staff_are_sent_to_the_admin_login(client, member):
    assert_members_are_sent_to_the_admin_login(client, member, "projects_cooperationproject")
