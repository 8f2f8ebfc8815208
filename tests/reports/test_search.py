import pytest
from django.urls import reverse

from consortium.models import Country
from reports.models import Access, Report, ReportFile
from reports.samplepdf import make_pdf
from tests.reports.conftest import DEEP_SENTENCE, long_survey_pdf, make_report

pytestmark = pytest.mark.django_db


def found_titles(client, **params):
    response = client.get(reverse("reports:list"), params)
    assert response.status_code == 200
    return [report.title_en for report in response.context["results"]]


@pytest.fixture
def surveys():
    public = make_report(title_en="Public survey of Laos", access=Access.PUBLIC, pdf=long_survey_pdf())
    members = make_report(title_en="Members' survey of Mongolia", access=Access.MEMBERS, pdf=long_survey_pdf())
    staff = make_report(title_en="Staff notes on Armenia", access=Access.STAFF, pdf=long_survey_pdf())
    other = make_report(title_en="Annual report", kind=Report.Kind.ANNUAL, access=Access.PUBLIC)
    return public, members, staff, other


def test_the_text_of_page_40_is_read_from_the_pdf(surveys):
    public = surveys[0]
    report_file = public.files.get()
    assert report_file.extraction_status == ReportFile.Extraction.DONE
    assert DEEP_SENTENCE in report_file.text
    assert DEEP_SENTENCE in public.file_text


@pytest.mark.parametrize("who", ["member", "staff"])
def test_a_member_finds_public_and_members_reports_by_a_sentence_from_page_40(client, request, surveys, who):
    client.force_login(request.getfixturevalue(who))
    titles = found_titles(client, q="lime mortars of the northern gallery")
    assert "Public survey of Laos" in titles
    assert "Members' survey of Mongolia" in titles
    assert "Annual report" not in titles


def test_an_english_word_is_found_whatever_its_inflection_and_accents(client, member, surveys):
    client.force_login(member)
    # "consolidated" and "injections" are in the PDF; the query inflects them otherwise.
    assert "Members' survey of Mongolia" in found_titles(client, q="consolidating injection")
    assert "Members' survey of Mongolia" in found_titles(client, q="nanolimé")


@pytest.mark.parametrize("word", ["修復", "点検", "壁画"])
def test_a_member_finds_a_report_by_a_two_character_japanese_word_from_its_pdf(client, member, surveys, word):
    client.force_login(member)
    titles = found_titles(client, q=word)
    assert sorted(titles) == ["Members' survey of Mongolia", "Public survey of Laos"]


@pytest.mark.parametrize("q", ["nanolime injections", "修復"])
def test_an_anonymous_visitor_finds_the_public_report_but_not_the_members_one(client, surveys, q):
    assert found_titles(client, q=q) == ["Public survey of Laos"]


def test_a_word_in_no_report_finds_nothing(client, member, surveys):
    client.force_login(member)
    assert found_titles(client, q="zeppelin") == []


def test_staff_only_reports_are_found_by_staff_alone(client, member, staff, surveys):
    client.force_login(member)
    assert "Staff notes on Armenia" not in found_titles(client, q="nanolime")
    client.force_login(staff)
    assert "Staff notes on Armenia" in found_titles(client, q="nanolime")


def test_titles_and_abstracts_are_searched_too(client, member):
    make_report(title_en="Flood recovery", abstract_ja="洪水後の保存修復の記録", access=Access.PUBLIC)
    make_report(title_en="Unrelated", access=Access.PUBLIC)
    assert found_titles(client, q="保存") == ["Flood recovery"]
    assert found_titles(client, q="floods") == ["Flood recovery"]


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_facet_counts_agree_with_the_results_each_user_sees(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    laos, mongolia = Country.objects.get(code="LA"), Country.objects.get(code="MN")
    for access in Access.values:
        make_report(access=access, countries=[laos], pdf=make_pdf([["Temple survey"]]))
        make_report(access=access, countries=[laos, mongolia], fiscal_year=2023, kind=Report.Kind.SEMINAR)
        make_report(
            access=access,
            countries=[mongolia],
            pdf=make_pdf([["調査"]]),
            language=ReportFile.Language.JA,
            kind=Report.Kind.SEMINAR,
        )
    response = client.get(reverse("reports:list"))
    total = response.context["result_count"]
    for facet in response.context["facets"]:
        for option in facet.options:
            narrowed = client.get(reverse("reports:list"), {facet.name: option.value})
            assert narrowed.context["result_count"] == option.count, (facet.name, option.value)
            assert option.count <= total
    expected = {"anonymous": 3, "member": 6, "staff": 9}[who]
    assert total == expected
    kinds = {option.value: option.count for option in response.context["facets"][0].options}
    assert kinds == {"country_survey": expected // 3, "seminar": 2 * expected // 3}


def test_a_chosen_facet_narrows_the_other_facets_counts(client):
    laos = Country.objects.get(code="LA")
    make_report(access=Access.PUBLIC, countries=[laos], kind=Report.Kind.SEMINAR)
    make_report(access=Access.PUBLIC, kind=Report.Kind.SEMINAR)
    make_report(access=Access.PUBLIC, countries=[laos], kind=Report.Kind.ANNUAL)
    response = client.get(reverse("reports:list"), {"country": "LA"})
    assert response.context["result_count"] == 2
    kinds = {option.value: option.count for option in response.context["facets"][0].options}
    assert kinds == {"seminar": 1, "annual": 1}


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "nonsense"},
        {"country": ["ZZ", "LA", "\x00"]},
        {"year": "twenty"},
        {"year": "99999999999999999999"},
        {"language": "klingon"},
        {"region": "x" * 500},
        {"sort": "sideways"},
        {"page": "last"},
        {"page": "-3"},
        {"page": "99999"},
        {"q": "\x00" * 5},
        {"q": "修" * 400},
        {"q": '"unbalanced -"( OR'},
        {"q": "-"},
    ],
)
def test_odd_parameters_answer_with_a_page(client, member, params):
    make_report(access=Access.PUBLIC)
    client.force_login(member)
    response = client.get(reverse("reports:list"), params)
    assert response.status_code == 200


def test_an_unknown_facet_value_is_reported_as_ignored(client):
    make_report(access=Access.PUBLIC)
    response = client.get(reverse("reports:list"), {"kind": "nonsense"})
    assert any("nonsense" in note for note in response.context["ignored"])
    assert response.context["result_count"] == 1


def test_sorting_by_title_and_by_fiscal_year(client):
    make_report(title_en="B report", fiscal_year=2020, access=Access.PUBLIC)
    make_report(title_en="A report", fiscal_year=2018, access=Access.PUBLIC)
    make_report(title_en="C report", fiscal_year=2022, access=Access.PUBLIC)
    response = client.get("/en/reports/", {"sort": "title"})
    assert [r.title_en for r in response.context["results"]] == ["A report", "B report", "C report"]
    response = client.get("/en/reports/", {"sort": "newest"})
    assert [r.title_en for r in response.context["results"]] == ["C report", "B report", "A report"]


def test_pages_of_twenty(client):
    for _ in range(23):
        make_report(access=Access.PUBLIC)
    first = client.get(reverse("reports:list"))
    second = client.get(reverse("reports:list"), {"page": 2})
    assert len(first.context["results"]) == 20
    assert len(second.context["results"]) == 3
    assert first.context["result_count"] == 23
