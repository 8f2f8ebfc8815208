"""The list and detail pages make as many queries for many results as for a few."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experts.models import Expert
from projects.models import CooperationProject
from tests.search.pages import detail_urls, grow


@pytest.mark.parametrize(
    "url",
    [
        reverse("experts:list") + "?q=山田&country=AF",
        reverse("experts:list") + "?sort=updated",
        reverse("projects:list") + "?q=Bamiyan&funder=jica",
        reverse("heritage:list") + "?q=Bamiyan&in_danger=no",
        reverse("database") + "?q=Bamiyan",
    ],
)
def test_query_count_stays_flat_as_results_grow(member_client, records, django_assert_num_queries, url):
    grow(records, 3)
    with CaptureQueriesContext(connection) as few:
        assert member_client.get(url).status_code == 200
    grow(records, 27)
    with django_assert_num_queries(len(few.captured_queries)):
        response = member_client.get(url)
    assert response.status_code == 200


def test_detail_query_counts_stay_flat(member_client, records, django_assert_num_queries):
    urls = detail_urls(records)
    counts = []
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            member_client.get(url)
        counts.append(len(queries.captured_queries))
    grow(records, 10)
    for number in range(10):
        records.bamiyan_project.experts.add(Expert.objects.create(family_name_en=f"Helper{number}"))
        records.oyamada.participations.create(
            project=CooperationProject.objects.create(title_en=f"Extra {number}", kind="research", start_year=2021)
        )
    for url, count in zip(urls, counts, strict=True):
        with django_assert_num_queries(count):
            member_client.get(url)


def test_the_chosen_facet_values_are_looked_up_once(member_client, records):
    # The form shown with the order the results are in takes the validated form's values: no second lookup.
    url = reverse("experts:list") + "?specialty=archaeology&country=AF&sort=relevance"
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(url)
    assert response.status_code == 200
    lookups = [query["sql"] for query in queries.captured_queries if 'FROM "experts_specialty"' in query["sql"]]
    assert len([sql for sql in lookups if "IN ('archaeology')" in sql]) == 1
    assert response.context["form"]["sort"].value() == response.context["sort"]
