"""The home page's headline figures: what a member may count, in a fixed number of queries."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from consortium.models import Country
from consortium.statistics import home_figures
from consortium.visibility import Visibility
from experts.models import Expert
from heritage.models import HeritageSite
from projects.models import CooperationProject
from tests.events.conftest import make_article, make_event

# The figures' own query, one for all four counts; once they are in the cache (Redis), none.
COLD_FIGURES = 1
WARM_FIGURES = 0
# The latest news and the upcoming events.
LISTS = 2


@pytest.fixture
def records(db):
    peru, chile, japan = (Country.objects.get(code=code) for code in ["PE", "CL", "JP"])
    for number, (visibility, countries) in enumerate(
        [(Visibility.MEMBERS, [peru]), (Visibility.MEMBERS, [peru, chile]), (Visibility.STAFF, [japan])]
    ):
        project = CooperationProject.objects.create(
            title_en=f"Project {number}",
            kind=CooperationProject.Kind.CONSERVATION,
            start_year=2010,
            visibility=visibility,
        )
        project.countries.set(countries)
    for number, visibility in enumerate([Visibility.MEMBERS, Visibility.MEMBERS, Visibility.STAFF, Visibility.STAFF]):
        Expert.objects.create(family_name_en=f"Expert {number}", visibility=visibility)
    for number in range(3):
        HeritageSite.objects.create(name_en=f"Site {number}", category=HeritageSite.Category.CULTURAL)
    for _ in range(6):
        make_article()
        make_event()


def test_home_figures_count_what_a_member_may_see(records, member):
    cache.clear()
    assert home_figures() == {"projects": 2, "experts": 2, "sites": 3, "countries": 2}
    assert home_figures() == {
        "projects": CooperationProject.objects.visible_to(member).count(),
        "experts": Expert.objects.visible_to(member).count(),
        "sites": HeritageSite.objects.visible_to(member).count(),
        "countries": Country.objects.filter(projects__in=CooperationProject.objects.visible_to(member))
        .distinct()
        .count(),
    }


def test_home_figures_are_zero_on_an_empty_database(db):
    cache.clear()
    assert home_figures() == {"projects": 0, "experts": 0, "sites": 0, "countries": 0}


def test_home_page_queries_with_the_figures_expired(client, records, django_assert_num_queries):
    cache.clear()
    with django_assert_num_queries(COLD_FIGURES + LISTS):
        assert client.get(reverse("home")).status_code == 200


def test_home_page_queries_with_the_figures_cached(client, records, django_assert_num_queries):
    client.get(reverse("home"))
    with django_assert_num_queries(WARM_FIGURES + LISTS):
        assert client.get(reverse("home")).status_code == 200
