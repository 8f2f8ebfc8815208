"""Members-only events (README, "Events"): the announcement is public, as the events list and the activity
report already make it; registration and the materials follow the access rule; the online link is for
confirmed registrants only."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from events.models import Event, Material, PendingRegistration
from tests.events.conftest import make_event

pytestmark = pytest.mark.django_db

RECORDING = "https://video.example.org/members-seminar"
# Those who may use the database: active members, and staff signed in with their second factor.
INSIDERS = {"member@example.org", "staff@example.org"}


def is_insider(user):
    return user is not None and user.email in INSIDERS


@pytest.fixture
def members_event():
    event = make_event(
        slug="members-seminar",
        audience=Event.Audience.MEMBERS,
        format=Event.Format.HYBRID,
        title_ja="会員研究会:バーミヤン遺跡の保存",
        title_en="Members' seminar: conserving Bamiyan",
        summary_en="Findings of the 2025 survey.",
        online_url="https://meet.example.org/secret-room",
    )
    Material.objects.create(event=event, kind=Material.Kind.RECORDING, title_en="Recording of the day", url=RECORDING)
    return event


@pytest.fixture
def past_members_event():
    starts = timezone.now() - timedelta(days=20)
    return make_event(
        slug="past-members-seminar",
        audience=Event.Audience.MEMBERS,
        title_en="Members' seminar on Angkor",
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        attendance=24,
        report_en="Twenty-four members discussed the survey's results.",
    )


@pytest.fixture
def user_client(client, any_user):
    if any_user is not None:
        client.force_login(any_user)
    return client


def test_the_announcement_is_public_and_says_members_only(user_client, members_event):
    listing = user_client.get("/en/events/").content.decode()
    assert "Members&#x27; seminar: conserving Bamiyan" in listing and "members only" in listing.lower()
    page = user_client.get("/en/events/members-seminar/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Members&#x27; seminar: conserving Bamiyan" in html and "members only" in html.lower()
    assert members_event.starts_at.astimezone(members_event.zone).strftime("%Y") in html
    assert "Members' seminar: conserving Bamiyan" in user_client.get("/en/events/members-seminar.ics").content.decode()
    assert "conserving Bamiyan" in user_client.get("/en/events/calendar.ics").content.decode()


def test_the_report_and_attendance_of_a_members_only_event_are_public(user_client, past_members_event):
    html = user_client.get("/en/events/past-members-seminar/").content.decode()
    assert "Twenty-four members discussed" in html and "24 participants" in html


def test_the_announcement_is_kept_out_of_search_engines(client, members_event):
    assert '<meta name="robots" content="noindex">' in client.get("/en/events/members-seminar/").content.decode()
    assert "members-seminar" not in client.get("/sitemap.xml").content.decode()


def test_registration_is_for_members_and_staff(user_client, any_user, members_event):
    expected = 200 if is_insider(any_user) else 403
    assert user_client.get("/en/events/members-seminar/register/").status_code == expected
    html = user_client.get("/en/events/members-seminar/").content.decode()
    assert ("This event is for members of the consortium only." in html) is not is_insider(any_user)


def test_the_public_cannot_register_by_posting_the_form(client, members_event):
    details = {"name": "Ana Lima", "email": "ana@example.org", "affiliation": "", "language": "en"}
    assert client.post("/en/events/members-seminar/register/", details).status_code == 403
    assert not mail.outbox and not PendingRegistration.objects.exists()


def test_the_materials_are_listed_for_members_and_staff_only(user_client, any_user, members_event):
    html = user_client.get("/en/events/members-seminar/").content.decode()
    assert (RECORDING in html) is is_insider(any_user)
    assert ("Recording of the day" in html) is is_insider(any_user)
    note = "The slides and materials of this members-only event are for members of the consortium."
    assert (note in html) is not is_insider(any_user)


def test_the_online_link_is_never_on_the_announcement(user_client, members_event):
    assert "secret-room" not in user_client.get("/en/events/members-seminar/").content.decode()


def test_a_public_events_materials_are_listed_for_everyone(user_client):
    event = make_event(slug="open-seminar")
    Material.objects.create(event=event, title_en="Slides", url="https://example.org/slides.pdf")
    assert "https://example.org/slides.pdf" in user_client.get("/en/events/open-seminar/").content.decode()
