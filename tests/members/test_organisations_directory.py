"""The public directory of member organisations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.models import Committee, CommitteeSeat, Membership, Organization
from tests.conftest import make_user

URL = "/en/members/organisations/"


def member_organisation(name_en, name_ja="", *, kind=Organization.Kind.UNIVERSITY, status="active", **fields):
    organisation = Organization.objects.create(name_en=name_en, name_ja=name_ja, kind=kind, **fields)
    user = make_user(f"{name_en.lower().replace(' ', '.')}@example.org")
    Membership.objects.create(user=user, kind=Membership.Kind.ORGANISATIONAL, organization=organisation, status=status)
    return organisation, user


@pytest.fixture
def committees(db):
    return (
        Committee.objects.create(code="test-asia", name_ja="アジア分科会", name_en="Asia Sub-committee", order=2),
        Committee.objects.create(code="test-planning", name_ja="企画分科会", name_en="Planning Committee", order=1),
    )


def entries(response):
    return {
        entry.organisation.name_en: entry for _kind, _label, group in response.context["groups"] for entry in group
    }


def test_the_directory_lists_member_organisations_with_both_names_and_committees(client, committees):
    asia, planning = committees
    university, person = member_organisation("Toto University", "東都大学", website="https://toto.example.ac.jp/")
    CommitteeSeat.objects.create(committee=asia, user=person)
    colleague = make_user("colleague@example.org")
    Membership.objects.create(user=colleague, organization=university, status="active", kind="organisational")
    CommitteeSeat.objects.create(committee=planning, user=colleague)
    CommitteeSeat.objects.create(committee=asia, user=colleague)

    response = client.get(URL)
    assert response.status_code == 200
    entry = entries(response)["Toto University"]
    assert (entry.name, entry.other_name) == ("Toto University", "東都大学")
    # In the committees' order, once each, each linked to its page.
    assert [name for _code, name in entry.committees] == ["Planning Committee", "Asia Sub-committee"]
    content = response.content.decode()
    assert f'<a href="/en/committees/{planning.code}/">Planning Committee</a>' in content
    assert "https://toto.example.ac.jp/" in content
    assert "colleague@example.org" not in content

    japanese = client.get("/ja/members/organisations/")
    assert "東都大学" in japanese.content.decode()
    entry = entries(japanese)["Toto University"]
    assert (entry.name, entry.other_name) == ("東都大学", "Toto University")
    assert [name for _code, name in entry.committees] == ["企画分科会", "アジア分科会"]


def test_the_directory_groups_by_kind_in_the_kinds_order(client, db):
    member_organisation("Kappa Foundation", kind=Organization.Kind.FOUNDATION)
    member_organisation("Alpha University", kind=Organization.Kind.UNIVERSITY)
    member_organisation("Beta Institute", kind=Organization.Kind.RESEARCH_INSTITUTE)
    kinds = [kind for kind, _label, _entries in client.get(URL).context["groups"]]
    assert kinds == ["university", "research_institute", "foundation"]


def test_the_directory_leaves_out_unlisted_organisations_and_non_members(client, committees):
    member_organisation("Listed University")
    member_organisation("Unlisted University", in_directory=False)
    member_organisation("Applying University", status="applied")
    member_organisation("Former University", status="withdrawn")
    Organization.objects.create(name_en="Project Partner Institute", kind=Organization.Kind.RESEARCH_INSTITUTE)
    assert set(entries(client.get(URL))) == {"Listed University"}


def test_committees_of_former_members_are_not_shown(client, committees):
    asia, _planning = committees
    organisation, person = member_organisation("Toto University")
    former = make_user("former@example.org")
    Membership.objects.create(user=former, organization=organisation, status="withdrawn", kind="organisational")
    CommitteeSeat.objects.create(committee=asia, user=former)
    assert entries(client.get(URL))["Toto University"].committees == []


def test_the_directory_may_be_cached_for_anonymous_visitors_only(client, member, db):
    response = client.get(URL)
    assert "public" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]
    client.force_login(member)
    assert "public" not in client.get(URL).get("Cache-Control", "")


def test_the_directory_costs_the_same_queries_with_more_organisations(client, committees):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL).status_code == 200
        return len(captured)

    organisation, person = member_organisation("First University")
    CommitteeSeat.objects.create(committee=committees[0], user=person)
    few = queries()
    for number in range(5):
        _organisation, person = member_organisation(f"University {number}")
        CommitteeSeat.objects.create(committee=committees[number % 2], user=person)
    assert queries() == few


def test_the_footer_links_the_directory(client, db):
    assert URL in client.get("/en/").content.decode()
