"""The staff admin of cooperation projects, funders and participations: what only it does.

Its changelist filters by funder, its change form shows the team it lists, the funder and participation
pages, and the years it refuses. What it shares with the admin of experts and sites is in
tests/consortium/test_admin_searchable.py.
"""

import pytest
from django.urls import reverse

from experts.models import Expert
from projects.models import CooperationProject, Funder, Participation
from tests.admin_checks import assert_flat_queries, count_queries
from tests.projects.records import add_team, make_links, make_projects

pytestmark = pytest.mark.django_db


@pytest.fixture
def links():
    return make_links()


def test_project_changelist_filters_in_a_fixed_number_of_queries(staff_client, links):
    make_projects(2, links)
    url = (
        reverse("admin:projects_cooperationproject_changelist") + f"?funders__id__exact={links['funder'].pk}&q=Angkor"
    )
    assert_flat_queries(staff_client, url, lambda: make_projects(20, links), most=12)
    assert staff_client.get(url).context["cl"].result_count == 22


def test_the_project_change_form_shows_each_member_of_its_team_selected(staff_client, links):
    [project] = make_projects(1, links)
    add_team(project, 3)
    page = staff_client.get(reverse("admin:projects_cooperationproject_change", args=[project.pk])).content.decode()
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
