"""The staff's translation queue: exactly the records missing a text in a language, filtered, ordered, by role."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from consortium.translation_queue import Filters, kinds_for, missing_counts, queue
from consortium.visibility import Visibility
from events.models import Event, Speaker
from experts.models import Expert
from heritage.models import HeritageSite
from members.access import mark_second_factor_passed
from projects.models import CooperationProject, ProjectDocument
from reports.models import Access
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_event, make_page
from tests.reports.conftest import make_report

pytestmark = pytest.mark.django_db

QUEUE = reverse("translation_queue")


def make_project(**fields):
    return CooperationProject.objects.create(kind="conservation", status="ongoing", start_year=2020, **fields)


@pytest.fixture
def records():
    """A record missing a text (or two) of each sort the queue tells apart, and complete ones it must not list."""
    long_ago = timezone.now() - timedelta(days=730)
    found = {
        "expert": Expert.objects.create(family_name="土井", family_name_en="Doi", biography_ja="経歴"),
        "old_expert": Expert.objects.create(family_name_en="Old", position_en="Professor"),
        "staff_expert": Expert.objects.create(
            family_name_en="Hidden", position_ja="教授", visibility=Visibility.STAFF
        ),
        "project": make_project(title_ja="アンコール保存"),
        "draft_event": make_event(description_en="About the seminar.", status=Event.Status.DRAFT),
        "page": make_page(body_ja="本文", body_en=""),
        "report": make_report(access=Access.PUBLIC, abstract_en="An abstract."),
        "site": HeritageSite.objects.create(
            name_en="Angkor", name_ja="アンコール", category="cultural", description_en="Temples."
        ),
    }
    found["document"] = ProjectDocument.objects.create(
        project=found["project"], title_en="Survey", url="https://example.org/survey"
    )
    public_event = make_event(description_ja="説明", description_en="About")
    found["speaker"] = Speaker.objects.create(event=public_event, name_ja="山田", name_en="Yamada", role_ja="講演")
    Expert.objects.filter(pk=found["old_expert"].pk).update(created_at=long_ago, updated_at=long_ago)
    # Complete records, and texts that no language has: none of these is missing anything.
    Expert.objects.create(family_name_en="Complete", biography_ja="経歴", biography_en="Career")
    make_project(title_ja="完全", title_en="Complete", summary_ja="概要", summary_en="Summary")
    Speaker.objects.create(event=public_event, name_ja="鈴木", name_en="Suzuki")
    return found


def listed(user, **filters):
    """The queue's (kind, pk) pairs for ``user``, in its order."""
    mark_second_factor_passed(user)
    return [(row["tq_kind"], int(row["tq_pk"])) for row in queue(kinds_for(user), Filters(**filters))]


def keys(records, *names):
    return {(records[name]._meta.label_lower, records[name].pk) for name in names}


def staff_with(client, *codenames, email="editor@example.org"):
    user = make_user(email, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return sign_in_to_admin(client, user), user


ALL = (
    "expert", "old_expert", "staff_expert", "project", "document", "draft_event", "speaker", "page", "report", "site"
)  # fmt: skip


def test_the_queue_lists_exactly_the_records_missing_a_text(staff, records):
    rows = listed(staff)
    assert len(rows) == len(set(rows))
    assert set(rows) == keys(records, *ALL)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "experts.expert"}, ("expert", "old_expert", "staff_expert")),
        ({"field": "title"}, ("project", "document")),
        ({"field": "description"}, ("draft_event", "site")),
        ({"language": "ja"}, ("old_expert", "document", "draft_event", "report", "site")),
        ({"language": "en"}, ("expert", "staff_expert", "project", "speaker", "page")),
        ({"visibility": "public"}, ("speaker", "page", "report")),
        ({"visibility": "members"}, ("expert", "old_expert", "project", "document", "site")),
        ({"visibility": "staff"}, ("staff_expert", "draft_event")),
        ({"updated": "older"}, ("old_expert",)),
        ({"updated": "week"}, tuple(name for name in ALL if name != "old_expert")),
        # Outreach pages keep no creation date: a filter by creation leaves them out.
        ({"created": "month"}, tuple(name for name in ALL if name not in ("old_expert", "page"))),
        ({"kind": "experts.expert", "language": "ja"}, ("old_expert",)),
        ({"field": "title", "visibility": "staff"}, ()),
    ],
)
def test_each_filter_keeps_exactly_its_records(staff, records, filters, expected):
    assert set(listed(staff, **filters)) == keys(records, *expected)


def test_public_records_come_first_then_members_then_staff_only_newest_first(staff, records):
    rows = listed(staff)
    public = keys(records, "speaker", "page", "report")
    staff_only = keys(records, "staff_expert", "draft_event")
    assert set(rows[:3]) == public
    assert set(rows[-2:]) == staff_only
    members = rows[3:-2]
    assert members[-1] == ("experts.expert", records["old_expert"].pk)


def test_the_page_links_each_row_to_the_records_admin_page(staff_client, records):
    page = staff_client.get(QUEUE).content.decode()
    assert "10 records are missing a text." in page
    for name in ("expert", "staff_expert", "draft_event", "speaker", "page", "report", "site"):
        record = records[name]
        url = reverse(f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk])
        assert f'href="{url}"' in page, name
    # Documents are edited on their project's page.
    assert f'href="{reverse("admin:projects_cooperationproject_change", args=[records["project"].pk])}"' in page
    assert "Biography (English)" in page and "Talk or role (English)" in page


def test_the_page_filters_by_its_parameters(staff_client, records):
    page = staff_client.get(QUEUE, {"kind": "experts.expert", "language": "en"}).content.decode()
    assert "2 records are missing a text." in page
    assert reverse("admin:experts_expert_change", args=[records["expert"].pk]) in page
    assert reverse("admin:reports_report_change", args=[records["report"].pk]) not in page


def test_the_pages_keep_the_filters(staff_client, records, monkeypatch):
    monkeypatch.setattr("consortium.translation_views.PER_PAGE", 2)
    first = staff_client.get(QUEUE, {"visibility": "members"}).content.decode()
    assert "Page 1 of 3" in first and "?visibility=members&amp;page=2" in first
    last = staff_client.get(QUEUE, {"visibility": "members", "page": "3"}).content.decode()
    assert "Page 3 of 3" in last
    assert reverse("admin:experts_expert_change", args=[records["old_expert"].pk]) in last


@pytest.mark.parametrize(
    "parameters",
    [
        {"kind": "nothing.here"},
        {"field": "<script>"},
        {"language": "fr"},
        {"visibility": "everyone"},
        {"updated": "yesterday", "created": "0"},
        {"page": "last"},
        {"page": "-3"},
        {"page": "99999"},
    ],
)
def test_bad_parameters_answer_a_page_not_an_error(staff_client, records, parameters):
    response = staff_client.get(QUEUE, parameters)
    assert response.status_code == 200
    page = response.content.decode()
    if "page" in parameters:
        assert "errornote" not in page
    else:
        # The whole queue, and a word on what could not be read.
        assert "errornote" in page and "10 records are missing a text." in page


def test_staff_without_the_view_permission_of_experts_see_no_experts(client, records):
    client, _user = staff_with(client, "view_event", "view_speaker", "change_page")
    page = client.get(QUEUE).content.decode()
    assert reverse("admin:events_event_change", args=[records["draft_event"].pk]) in page
    assert reverse("admin:events_page_change", args=[records["page"].pk]) in page
    assert "/admin/experts/" not in page and "/admin/reports/" not in page
    assert 'value="experts.expert"' not in page
    asked = client.get(QUEUE, {"kind": "experts.expert"}).content.decode()
    assert "errornote" in asked and "/admin/experts/" not in asked


def test_a_child_kind_needs_its_parents_permission_too(client, records):
    client, _user = staff_with(client, "view_projectdocument")
    page = client.get(QUEUE).content.decode()
    assert "/admin/projects/" not in page
    assert "You may not open any kind of record with texts in both languages." in page


@pytest.mark.parametrize(
    ("role", "sees", "does_not_see"),
    [
        (
            "Database editor",
            ("expert", "old_expert", "staff_expert", "project", "document", "site", "report"),
            ("page", "speaker"),
        ),
        ("Outreach editor", ("draft_event", "speaker", "page"), ("expert", "project", "report", "site")),
        ("Secretariat", (), ("expert", "page", "report")),
    ],
)
def test_each_role_sees_the_kinds_it_works_on(client, records, role, sees, does_not_see):
    user = make_user("role@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    sign_in_to_admin(client, user)
    assert set(listed(user)) == keys(records, *sees)
    assert not set(listed(user)) & keys(records, *does_not_see)


def test_the_queue_costs_the_same_queries_however_many_rows(staff_client, records):
    def more_rows():
        for n in range(5):
            Expert.objects.create(family_name_en=f"More{n}", biography_en="Career")
            make_page(body_en="")
            speaker_event = make_event()
            Speaker.objects.create(event=speaker_event, name_en=f"Speaker {n}")

    assert_flat_queries(staff_client, QUEUE, more_rows, most=6)


def test_the_admin_index_counts_each_kind(staff_client, records):
    page = staff_client.get(reverse("admin:index")).content.decode()
    assert 'id="translation-queue-summary"' in page
    assert f'href="{QUEUE}?kind=experts.expert">Experts</a>' in page
    assert "3 records" in page


def test_the_admin_index_counts_only_the_kinds_the_staff_member_may_open(client, records):
    client, _user = staff_with(client, "view_event", "view_page")
    page = client.get(reverse("admin:index")).content.decode()
    assert f'href="{QUEUE}?kind=events.event">Events</a>' in page
    assert "?kind=experts.expert" not in page


def test_the_admin_index_counts_are_kept_briefly(records, django_assert_num_queries):
    with django_assert_num_queries(1):
        counts = missing_counts()
    assert counts["experts.expert"] == 3 and counts["events.speaker"] == 1 and counts["members.committee"] == 0
    Expert.objects.create(family_name_en="Later", position_ja="教授")
    with django_assert_num_queries(0):
        assert missing_counts() == counts
