"""What the search columns are made of, which the admin and the benchmark read as well."""

from experts.admin import ExpertAdmin
from experts.models import Expert
from heritage.admin import HeritageSiteAdmin
from heritage.models import HeritageSite
from projects.admin import CooperationProjectAdmin
from projects.models import CooperationProject
from search.columns import searched_fields


def test_the_fields_a_search_reads_are_those_its_columns_are_made_of():
    assert searched_fields(CooperationProject) == [
        "title_ja", "title_en", "summary_ja", "outcomes_ja", "summary_en", "outcomes_en",
    ]  # fmt: skip
    assert searched_fields(HeritageSite) == [
        "name_ja", "name_en", "name_fr", "name_reading", "description_ja", "description_en",
    ]  # fmt: skip
    expert_fields = searched_fields(Expert)
    names = ["family_name", "given_name", "family_name_kana", "given_name_kana", "given_name_en", "family_name_en"]
    assert expert_fields[:6] == names
    assert set(expert_fields[6:]) == {
        "name_reading", "position_ja", "position_en", "department", "biography_ja", "biography_en",
    }  # fmt: skip


def test_the_admin_says_it_searches_what_the_search_columns_hold():
    assert ExpertAdmin.search_fields == searched_fields(Expert)
    assert CooperationProjectAdmin.search_fields == searched_fields(CooperationProject)
    # and UNESCO's id, which the site admin looks up on its own
    assert HeritageSiteAdmin.search_fields == [*searched_fields(HeritageSite), "whc_id"]
