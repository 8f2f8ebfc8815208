"""Funding schemes: the real ones loaded, the facet and its counts under the access rule, the check that a
scheme's funder is among the project's, the project page, the members' export and the staff admin."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.translation import override

from projects.models import CooperationProject, Funder, FundingScheme, ProjectFacetCodes
from projects.resources import CooperationProjectResource
from tests.admin_checks import assert_export_imports_back_unchanged, count_queries, import_preview

pytestmark = pytest.mark.django_db

HEADER = (
    "id,title_ja,title_en,summary_ja,summary_en,kind,status,start_year,end_year,countries,sites,lead_organization,"
    "partners,funders,funding_scheme,outcomes_ja,outcomes_en,website,visibility"
)


def make_project(title, *, scheme=None, funders=(), visibility="members"):
    project = CooperationProject.objects.create(
        title_en=title, kind="capacity", start_year=2020, funding_scheme=scheme, visibility=visibility
    )
    project.funders.set(funders)
    return project


@pytest.fixture
def schemes():
    """JICA's two schemes and the Agency for Cultural Affairs', as the data migration loads them."""
    return {code: FundingScheme.objects.get(code=code) for code in ("jica-grassroots", "jica-technical-cooperation")}


@pytest.fixture
def projects(schemes):
    jica = Funder.objects.get(code="jica")
    grassroots, technical = schemes["jica-grassroots"], schemes["jica-technical-cooperation"]
    return {
        "grassroots_1": make_project("Grassroots training one", scheme=grassroots, funders=[jica]),
        "grassroots_2": make_project("Grassroots training two", scheme=grassroots),
        "technical": make_project("Technical cooperation", scheme=technical, funders=[jica]),
        "none": make_project("No scheme", funders=[jica]),
        "hidden": make_project("Hidden grassroots", scheme=grassroots, funders=[jica], visibility="staff"),
    }


def list_page(client, params, language="en"):
    with override(language):
        response = client.get(reverse("projects:list"), params)
    assert response.status_code == 200
    return response


def scheme_counts(response):
    [facet] = [facet for facet in response.context["facets"] if facet.name == "scheme"]
    return {option.value: option.count for option in facet.options}


def titles(response):
    return {project.title_en for project in response.context["results"]}


def test_the_real_schemes_are_loaded_under_their_funders():
    assert FundingScheme.objects.get(code="jica-grassroots").funder.code == "jica"
    assert FundingScheme.objects.get(code="bunka-networking-core-centres").name_ja == "文化遺産国際協力拠点交流事業"
    assert FundingScheme.objects.get(code="mofa-cultural-grassroots").name_ja == "草の根文化無償資金協力"
    assert FundingScheme.objects.get(code="kakenhi-scientific-research-a").funder.code == "jsps"
    assert FundingScheme.objects.get(code="jfit-heritage-preservation").funder.code == "unesco-jfit-heritage"
    assert FundingScheme.objects.get(code="sumitomo-heritage-abroad").funder.code == "sumitomo-foundation"


def test_the_facet_counts_what_a_member_may_see_and_staff_count_the_rest(member_client, staff_client, projects):
    assert scheme_counts(list_page(member_client, {})) == {"jica-grassroots": 2, "jica-technical-cooperation": 1}
    assert scheme_counts(list_page(staff_client, {})) == {"jica-grassroots": 3, "jica-technical-cooperation": 1}


@pytest.mark.parametrize("who", ["anonymous", "applicant", "suspended_member"])
def test_without_an_active_membership_a_scheme_search_shows_no_project(client, request, projects, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    with override("en"):
        response = client.get(reverse("projects:list"), {"scheme": "jica-grassroots"})
    assert response.status_code in (302, 403)
    assert "Grassroots training" not in response.content.decode()


def test_the_facet_is_labelled_in_the_pages_language(member_client, projects):
    with override("ja"):
        response = list_page(member_client, {}, language="ja")
    [facet] = [facet for facet in response.context["facets"] if facet.name == "scheme"]
    assert {option.label for option in facet.options} == {"草の根技術協力事業", "技術協力プロジェクト"}
    assert "資金制度" in response.content.decode()


def test_choosing_a_scheme_filters_and_the_other_facets_count_over_it(member_client, projects):
    response = list_page(member_client, {"scheme": "jica-grassroots"})
    assert titles(response) == {"Grassroots training one", "Grassroots training two"}
    # The chosen facet still counts over the other filters' results, so that another scheme can be added.
    assert scheme_counts(response) == {"jica-grassroots": 2, "jica-technical-cooperation": 1}
    [funder] = [facet for facet in response.context["facets"] if facet.name == "funder"]
    assert {option.value: option.count for option in funder.options} == {"jica": 1}
    response = list_page(member_client, {"scheme": ["jica-grassroots", "jica-technical-cooperation"]})
    assert len(titles(response)) == 3


def test_an_unknown_scheme_is_ignored_and_said(member_client, projects):
    response = list_page(member_client, {"scheme": ["no-such-scheme", "x" * 300]})
    assert len(titles(response)) == 4
    assert "no-such-scheme" in " ".join(response.context["ignored"])


def test_the_facet_codes_follow_the_scheme(projects, schemes):
    project = projects["none"]
    codes = ProjectFacetCodes.objects.get(project=project)
    assert not any(code.startswith("scheme:") for code in codes.codes)
    CooperationProject.objects.filter(pk=project.pk).update(funding_scheme=schemes["jica-grassroots"])
    codes.refresh_from_db()
    assert f"scheme:{schemes['jica-grassroots'].pk}" in codes.codes
    project.funding_scheme = None
    project.save()
    codes.refresh_from_db()
    assert not any(code.startswith("scheme:") for code in codes.codes)


def test_query_count_stays_flat_as_results_grow(member_client, projects, schemes, django_assert_num_queries):
    params = {"scheme": "jica-grassroots", "funder": "jica"}
    with CaptureQueriesContext(connection) as few:
        list_page(member_client, params)
    for number in range(15):
        make_project(
            f"More grassroots {number}", scheme=schemes["jica-grassroots"], funders=[Funder.objects.get(code="jica")]
        )
    with django_assert_num_queries(len(few.captured_queries)):
        response = list_page(member_client, params)
    assert len(titles(response)) == 16


def test_the_project_page_names_its_scheme_with_a_link_to_its_projects(member_client, projects):
    project = projects["grassroots_1"]
    with override("ja"):
        page = member_client.get(project.get_absolute_url()).content.decode()
    assert "草の根技術協力事業" in page
    assert "?scheme=jica-grassroots" in page
    with override("en"):
        page = member_client.get(project.get_absolute_url()).content.decode()
    assert "JICA Partnership Program (Grassroots Technical Cooperation)" in page


def test_the_members_export_has_the_scheme(member_client, projects):
    with override("ja"):
        response = member_client.post(reverse("projects:export", args=["csv"]), {"scheme": "jica-grassroots"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8").removeprefix("\ufeff"))))
    column = rows[0].index("資金制度")
    assert [row[column] for row in rows[1:]] == ["草の根技術協力事業", "草の根技術協力事業"]


# The check that a scheme's funder is among the project's funders ---------------------------------------


def project_form(funders, scheme):
    return {
        "title_en": "Checked",
        "kind": "capacity",
        "status": "planned",
        "start_year": "2025",
        "visibility": "members",
        "funders": [funder.pk for funder in funders],
        "funding_scheme": scheme.pk,
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }


def test_the_admin_refuses_a_scheme_of_a_funder_the_project_does_not_name(staff_client, schemes):
    bunka = Funder.objects.get(code="bunka")
    with override("en"):
        url = reverse("admin:projects_cooperationproject_add")
    response = staff_client.post(url, project_form([bunka], schemes["jica-grassroots"]))
    assert response.status_code == 200
    [error] = response.context["adminform"].form.errors["funding_scheme"]
    assert "is not among the project’s funders" in error
    assert not CooperationProject.objects.exists()


@pytest.mark.parametrize("funders", [["jica"], ["bunka", "jica"], []])
def test_the_admin_takes_a_scheme_of_one_of_the_funders_or_of_none_named(staff_client, schemes, funders):
    funders = [Funder.objects.get(code=code) for code in funders]
    with override("en"):
        url = reverse("admin:projects_cooperationproject_add")
    response = staff_client.post(url, project_form(funders, schemes["jica-grassroots"]))
    assert response.status_code == 302
    assert CooperationProject.objects.get().funding_scheme == schemes["jica-grassroots"]


def test_the_scheme_admin_searches_and_opens_in_a_fixed_number_of_queries(staff_client, schemes):
    with override("en"):
        changelist = reverse("admin:projects_fundingscheme_changelist")
        change = reverse("admin:projects_fundingscheme_change", args=[schemes["jica-grassroots"].pk])
        funder = reverse("admin:projects_funder_change", args=[schemes["jica-grassroots"].funder_id])
        autocomplete = reverse("admin:autocomplete")
    response = staff_client.get(changelist, {"q": "草の根"})
    assert set(response.context["cl"].result_list) == {
        schemes["jica-grassroots"],
        FundingScheme.objects.get(code="mofa-cultural-grassroots"),
    }
    few = count_queries(staff_client, changelist)
    FundingScheme.objects.bulk_create(
        FundingScheme(
            funder_id=schemes["jica-grassroots"].funder_id, code=f"s{n}", name_ja=f"制度{n}", name_en=f"S{n}"
        )
        for n in range(20)
    )
    assert count_queries(staff_client, changelist) == few
    assert count_queries(staff_client, change) <= 12
    assert "草の根技術協力事業" in staff_client.get(funder).content.decode()
    # The project form's autocomplete finds a scheme by its Japanese name.
    response = staff_client.get(
        autocomplete,
        {
            "app_label": "projects",
            "model_name": "cooperationproject",
            "field_name": "funding_scheme",
            "term": "草の根",
        },
    )
    assert str(schemes["jica-grassroots"].pk) in {result["id"] for result in response.json()["results"]}


# Import and export ------------------------------------------------------------------------------------


def import_rows(staff_client, *rows):
    with override("en"):
        url = reverse("admin:projects_cooperationproject_import")
    return import_preview(staff_client, url, "\n".join([HEADER, *rows]))


def test_an_exported_scheme_imports_back_unchanged(staff_client, projects):
    assert_export_imports_back_unchanged(staff_client, "projects_cooperationproject", CooperationProjectResource, 5)


def test_an_import_sets_the_scheme_by_its_code(staff_client, schemes):
    preview = import_rows(staff_client, ",研修,Training,,,capacity,planned,2025,,,,,,jica,jica-grassroots,,,,members")
    assert [row.import_type for row in preview.context["result"].valid_rows()] == ["new"]
    with override("en"):
        url = reverse("admin:projects_cooperationproject_process_import")
    assert staff_client.post(url, preview.context["confirm_form"].initial).status_code == 302
    assert CooperationProject.objects.get().funding_scheme == schemes["jica-grassroots"]


def test_an_import_refuses_an_unknown_scheme_and_one_of_another_funder(staff_client, schemes):
    response = import_rows(
        staff_client,
        ",一,One,,,capacity,planned,2025,,,,,,jica,no-such-scheme,,,,members",
        ",二,Two,,,capacity,planned,2025,,,,,,bunka,jica-grassroots,,,,members",
        ",三,Three,,,capacity,planned,2025,,,,,,nobody,jica-grassroots,,,,members",
    )
    errors = {row.number: row.error_dict for row in response.context["result"].invalid_rows}
    assert errors[1]["funding_scheme"] == ["No funding scheme is called “no-such-scheme”."]
    assert "is not among the project’s funders" in errors[2]["funding_scheme"][0]
    # An unknown funder is reported on its own column, not as a mismatch as well.
    assert errors[3] == {"funders": ["Unknown funders: nobody."]}
    assert not CooperationProject.objects.exists()
