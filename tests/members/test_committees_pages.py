"""The committees' pages and meeting files: what each kind of visitor sees, under members.access."""

import pytest
from django.urls import reverse

from members.access import can_see_meeting_papers
from members.models import Committee, CommitteeSeat, Meeting
from tests.conftest import make_user
from tests.members.committee_helpers import meeting_for

pytestmark = pytest.mark.django_db

# Who reads which meeting's papers: members of the committee, all members, staff who may view meetings.
PAPERS = {
    "anonymous": set(),
    "applicant": set(),
    "suspended_member": set(),
    "member": {"members"},
    "committee_member": {"committee", "members"},
    "staff": {"committee", "members", "staff"},
    "staff_without_permission": {"members"},
    # Without the second factor staff see what a member sees.
    "staff_with_permission_without_second_factor": {"members"},
}
SEES_ROSTER = {"committee_member", "staff"}


def signed_in(request, client, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    return client


@pytest.mark.parametrize("who", list(PAPERS))
def test_the_committee_page_shows_each_meeting_s_papers_to_its_audience_only(request, client, who, meetings):
    client = signed_in(request, client, who)

    response = client.get(meetings["committee"].committee.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    for audience, meeting in meetings.items():
        shown = audience in PAPERS[who]
        assert (f"AGENDA-{audience.upper()}" in page) == shown, audience
        assert (meeting.files.get().get_absolute_url() in page) == shown, audience
        assert "May 12, 2026" in page or "2026年5月12日" in page  # the date is for everyone


@pytest.mark.parametrize("who", list(PAPERS))
def test_the_roster_with_affiliations_is_for_those_on_the_committee(request, client, who, committee_member):
    client = signed_in(request, client, who)

    page = client.get(reverse("committees:detail", kwargs={"code": "test-rock-art"})).content.decode()

    assert "Hashimoto" in page or "Akiko" in page  # the chair's name is public
    assert ("Osamu Abe" in page) == (who in SEES_ROSTER)
    assert "seated@example.org" not in page


@pytest.mark.parametrize("who", list(PAPERS))
def test_meeting_files_answer_as_the_papers_rule_says(request, client, who, meetings):
    client = signed_in(request, client, who)
    for audience, meeting in meetings.items():
        response = client.get(meeting.files.get().get_absolute_url())
        if audience in PAPERS[who]:
            assert response.status_code == 200, audience
            assert "no-store" in response["Cache-Control"] and "public" not in response["Cache-Control"]
            assert b"".join(response.streaming_content) == b"%PDF-1.4 paper"
        else:
            # As for other members-only files: sign in, the membership page, or nothing there.
            assert response.status_code == {"anonymous": 302, "applicant": 403, "suspended_member": 403}.get(who, 404)


@pytest.mark.parametrize("who", list(PAPERS))
def test_the_predicate_and_the_queryset_agree(request, who, meetings):
    user = None if who == "anonymous" else request.getfixturevalue(who)
    if user is not None:
        from members.access import mark_second_factor_passed

        mark_second_factor_passed(user)
    listed = set(Meeting.objects.papers_visible_to(user).values_list("audience", flat=True))
    one_by_one = {audience for audience, meeting in meetings.items() if can_see_meeting_papers(user, meeting)}
    assert listed == one_by_one == PAPERS[who]


def test_a_suspended_member_s_seat_opens_nothing(client, committee, meetings):
    user = make_user("suspended.seat@example.org", status="suspended")
    CommitteeSeat.objects.create(committee=committee, user=user)
    client.force_login(user)
    assert client.get(meetings["committee"].files.get().get_absolute_url()).status_code == 403
    assert "AGENDA-COMMITTEE" not in client.get(committee.get_absolute_url()).content.decode()


def test_the_remit_falls_back_to_the_other_language_and_says_so(client, committee):
    page = client.get(reverse("committees:detail", kwargs={"code": committee.code}).replace("/ja/", "/en/"))
    content = page.content.decode()
    assert "岩絵の保存について議論します。" in content
    assert "This entry is only available in Japanese." in content
    content = client.get(f"/ja/committees/{committee.code}/").content.decode()
    assert "岩絵の保存について議論します。" in content
    assert "fallback-note" not in content


def test_minutes_fall_back_to_the_other_language(client, committee_member, meetings):
    client.force_login(committee_member)
    content = client.get(f"/en/committees/{meetings['committee'].committee.code}/").content.decode()
    assert "議事録-committee" in content
    assert "This entry is only available in Japanese." in content


def test_the_covered_countries_are_the_region_s_and_the_further_ones_linked_to_partner_countries(client, committee):
    from consortium.models import CountryProfile

    CountryProfile.objects.create(country_id="MN", reviewed_on="2026-01-01")
    content = client.get(f"/en/committees/{committee.code}/").content.decode()
    assert 'href="/en/countries/mn/"' in content
    assert "Mongolia" in content and "Fiji" in content  # a further country, and one of Oceania's
    assert 'href="/en/countries/fj/"' not in content  # no profile, nothing on record: no page to show


def test_the_list_groups_committees_by_kind_with_chairs_and_general_meetings(client, chair):
    Meeting.objects.create(kind=Meeting.Kind.GENERAL, held_on="2026-06-20", audience="members", agenda_en="SECRET")
    content = client.get("/en/committees/").content.decode()
    assert (
        content.index("Planning committee") < content.index("Regional sub-committee") < content.index("Working group")
    )
    assert "Rock art working group" in content and "Akiko Hashimoto" in content
    assert "June 20, 2026" in content and "SECRET" not in content


def test_the_list_costs_the_same_queries_however_many_committees(client, django_assert_num_queries, chair):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get("/en/committees/")
    for n in range(5):
        extra = Committee.objects.create(code=f"extra-{n}", name_ja=f"部会{n}", name_en=f"Group {n}")
        CommitteeSeat.objects.create(committee=extra, user=chair, role=CommitteeSeat.Role.CHAIR)
    with django_assert_num_queries(len(before)):
        client.get("/en/committees/")


def test_the_detail_page_of_a_member_costs_a_bounded_number_of_queries(client, committee_member, committee):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(committee_member)
    meeting_for(committee, "committee")
    with CaptureQueriesContext(connection) as one:
        client.get(committee.get_absolute_url())
    for day in range(1, 6):
        meeting_for(committee, "members", held_on=f"2026-03-{day:02d}")
    with CaptureQueriesContext(connection) as six:
        client.get(committee.get_absolute_url())
    assert len(six) == len(one)


def test_an_unknown_committee_is_not_found(client, db):
    assert client.get("/en/committees/no-such-committee/").status_code == 404
