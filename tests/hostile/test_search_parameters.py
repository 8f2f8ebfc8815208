"""Every search parameter and filter of the database pages, given hostile values by a member."""

import pytest
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.http import QueryDict
from hypothesis import HealthCheck, given, settings

from experts.filters import ExpertFilterSet
from heritage.filters import HeritageSiteFilterSet
from projects.filters import ProjectFilterSet
from tests.hostile.conftest import row_counts
from tests.hostile.strategies import query_strings

NOTICE = "Part of your search could not be used"
LIST_PAGES = {
    "/en/experts/": ExpertFilterSet,
    "/en/projects/": ProjectFilterSet,
    "/en/heritage/": HeritageSiteFilterSet,
}
HOSTILE = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def unusable(filterset_class, params):
    """The names of parameters in ``params`` that the page cannot use and so must say it ignored."""
    filterset = filterset_class(params)
    names = []
    for name, form_field in filterset.form.fields.items():
        if name == "q" or name not in params:
            continue
        if hasattr(form_field, "known"):
            # A facet: each value must be one of its codes.
            values = params.getlist(name)
            plausible = [value for value in values if value and len(value) <= 64 and "\x00" not in value]
            if len(plausible) < len(values) or form_field.known(plausible) != set(plausible):
                names.append(name)
        else:
            try:
                form_field.clean(params.get(name))
            except ValidationError:
                names.append(name)
    if params.get("page"):
        try:
            Paginator(range(1), 20).validate_number(params.get("page"))
        except InvalidPage:
            names.append("page")
    return names


@pytest.fixture
def member_client(client, member, members_only_data):
    client.force_login(member)
    return client


@pytest.mark.parametrize("path", LIST_PAGES)
def test_list_pages_answer_hostile_parameters_with_a_page_that_explains(member_client, path):
    filterset_class = LIST_PAGES[path]
    names = [*filterset_class.base_filters, "page"]

    @HOSTILE
    @given(query=query_strings(names))
    def check(query):
        before = row_counts()
        response = member_client.get(f"{path}?{query}")
        assert response.status_code == 200, (query[:300], response.status_code)
        assert row_counts() == before
        ignored = unusable(filterset_class, QueryDict(query))
        if ignored:
            assert NOTICE in response.content.decode(), (query[:300], ignored)

    check()


def test_unified_search_answers_hostile_queries(member_client):
    @HOSTILE
    @given(query=query_strings(["q"]))
    def check(query):
        before = row_counts()
        response = member_client.get(f"/ja/database/?{query}")
        assert response.status_code == 200, (query[:300], response.status_code)
        assert row_counts() == before

    check()


@pytest.mark.parametrize("kind", ["experts", "projects", "heritage"])
@pytest.mark.parametrize("pk", ["0", "-1", "99999999999999999999", "1%00", "%ff", "1'--"])
def test_detail_pages_answer_hostile_ids_with_not_found(member_client, kind, pk):
    response = member_client.get(f"/en/{kind}/{pk}/")
    assert response.status_code == 404


@pytest.mark.parametrize("path", ["/en/news/", "/ja/events/", "/en/events/past/"])
def test_public_lists_answer_hostile_parameters(client, members_only_data, path):
    @HOSTILE
    @given(query=query_strings(["page", "category"]))
    def check(query):
        before = row_counts()
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (query[:300], response.status_code)
        assert row_counts() == before

    check()


@pytest.mark.parametrize("path", ["/en/experts/export.csv", "/en/projects/export.csv", "/ja/heritage/export.csv"])
def test_exports_answer_hostile_parameters(member_client, path):
    filterset_class = LIST_PAGES[path.replace("/ja/", "/en/").rsplit("/", 1)[0] + "/"]
    names = [*filterset_class.base_filters, "page"]

    @settings(HOSTILE, max_examples=10)
    @given(query=query_strings(names))
    def check(query):
        before = row_counts()
        # The download form posts the search as form fields.
        response = member_client.post(path, query, content_type="application/x-www-form-urlencoded")
        assert response.status_code == 200, (query[:300], response.status_code)
        assert response["Content-Type"].startswith("text/csv")
        # Each export is recorded (who, when, which search), and nothing else is written.
        assert row_counts() == before | {"consortium_dataexport": before["consortium_dataexport"] + 1}

    check()
