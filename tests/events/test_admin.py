import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from events.models import Event, NewsArticle, PublicationStatus, Registration
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user
from tests.events.conftest import make_article, make_event, make_registration

pytestmark = pytest.mark.django_db


def test_staff_export_the_attendee_list_as_csv(staff_client):
    event = make_event(title_en="Annual symposium")
    make_registration(event, name="佐藤 花子", email="hanako@example.org", affiliation="東京大学")
    make_registration(event, name='=HYPERLINK("http://evil")', email="x@example.org")
    client = staff_client
    response = client.post(
        reverse("admin:events_registration_changelist"),
        {"action": "export_csv", "_selected_action": list(Registration.objects.values_list("pk", flat=True))},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[1][1:4] == ["佐藤 花子", "hanako@example.org", "東京大学"]
    # A formula typed as a name stays text in a spreadsheet.
    assert rows[2][1].startswith("'=")


def test_admin_reads_typed_times_in_the_events_own_time_zone(staff_client):
    client = staff_client
    data = {
        "slug": "paris-seminar",
        "kind": Event.Kind.SEMINAR,
        "status": Event.Status.PUBLISHED,
        "audience": Event.Audience.PUBLIC,
        "format": Event.Format.IN_PERSON,
        "title_en": "Paris seminar",
        "starts_at_0": "2030-06-12",
        "starts_at_1": "14:00:00",
        "ends_at_0": "2030-06-12",
        "ends_at_1": "16:00:00",
        "time_zone": "Europe/Paris",
        "takes_registrations": "on",
    }
    for prefix in ("speakers", "materials", "registration_questions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = client.post(reverse("admin:events_event_add"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = Event.objects.get(slug="paris-seminar")
    assert event.starts_at == datetime(2030, 6, 12, 14, 0, tzinfo=ZoneInfo("Europe/Paris"))

    # The change form shows the time as typed, not converted to Tokyo time.
    html = client.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert 'value="14:00:00"' in html


def test_admin_refuses_an_unknown_time_zone(staff_client):
    client = staff_client
    response = client.post(
        reverse("admin:events_event_add"),
        {"slug": "x", "kind": "seminar", "status": "draft", "audience": "public", "format": "online",
         "title_en": "X", "starts_at_0": "2030-06-12", "starts_at_1": "14:00", "ends_at_0": "2030-06-12",
         "ends_at_1": "15:00", "time_zone": "Mars/Olympus", "speakers-TOTAL_FORMS": "0",
         "speakers-INITIAL_FORMS": "0", "materials-TOTAL_FORMS": "0", "materials-INITIAL_FORMS": "0",
         "registration_questions-TOTAL_FORMS": "0", "registration_questions-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert not Event.objects.exists()


def test_raising_the_capacity_in_the_admin_moves_the_waiting_list_up(staff_client, django_capture_on_commit_callbacks):
    event = make_event(capacity=1)
    make_registration(event)
    waiting = make_registration(event, status=Registration.Status.WAITLISTED)
    client = staff_client
    url = reverse("admin:events_event_change", args=[event.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None and name != "co_organisers"}
    data |= {
        "capacity": "2",
        "starts_at_0": form.initial["starts_at"].strftime("%Y-%m-%d"),
        "starts_at_1": form.initial["starts_at"].strftime("%H:%M:%S"),
        "ends_at_0": form.initial["ends_at"].strftime("%Y-%m-%d"),
        "ends_at_1": form.initial["ends_at"].strftime("%H:%M:%S"),
        "takes_registrations": "on",
    }
    for prefix in ("speakers", "materials", "registration_questions"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_publish_now_action_publishes_drafts_at_once(staff_client):
    draft = make_article(status=PublicationStatus.DRAFT, title_en="Waiting draft")
    staff_client.post(
        reverse("admin:events_newsarticle_changelist"), {"action": "publish_now", "_selected_action": [draft.pk]}
    )
    assert NewsArticle.objects.published().filter(pk=draft.pk).exists()


@pytest.mark.parametrize("model", ["newsarticle", "page", "event", "registration"])
def test_admin_pages_open_for_staff(staff_client, model):
    make_registration(make_event())
    assert staff_client.get(reverse(f"admin:events_{model}_changelist")).status_code == 200
    assert staff_client.get(reverse(f"admin:events_{model}_add")).status_code == 200


@pytest.mark.parametrize(
    ("model", "add_rows"),
    [
        ("newsarticle", lambda: [make_article() for _ in range(5)]),
        ("event", lambda: [make_event() for _ in range(5)]),
        ("registration", lambda: [make_registration(make_event()) for _ in range(5)]),
    ],
)
def test_admin_lists_run_a_fixed_number_of_queries(client, staff, model, add_rows):
    sign_in_to_admin(client, staff)
    add_rows()
    assert_flat_queries(client, reverse(f"admin:events_{model}_changelist"), add_rows, most=12)


def offered_actions(response):
    form = response.context["action_form"]
    return [] if form is None else [name for name, _label in form.fields["action"].choices if name]


def test_staff_with_only_view_permission_are_not_offered_the_publish_action(client):
    viewer = make_user("viewer@example.org", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__in=["view_newsarticle", "view_registration"]))
    draft = make_article(status=PublicationStatus.DRAFT)
    sign_in_to_admin(client, viewer)
    changelist = reverse("admin:events_newsarticle_changelist")
    assert "publish_now" not in offered_actions(client.get(changelist))
    client.post(changelist, {"action": "publish_now", "_selected_action": [draft.pk]})
    assert not NewsArticle.objects.published().filter(pk=draft.pk).exists()
    assert "export_csv" in offered_actions(client.get(reverse("admin:events_registration_changelist")))


def test_staff_with_change_permission_are_offered_the_publish_action(client):
    editor = make_user("editor@example.org", is_staff=True)
    editor.user_permissions.set(Permission.objects.filter(codename__in=["view_newsarticle", "change_newsarticle"]))
    make_article(status=PublicationStatus.DRAFT)
    sign_in_to_admin(client, editor)
    assert "publish_now" in offered_actions(client.get(reverse("admin:events_newsarticle_changelist")))
