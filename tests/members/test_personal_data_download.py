"""A person downloads their own data as a ZIP of JSON and CSV files: everything of theirs, nothing of anyone
else's, from sections each app registers (members.personal_data)."""

import csv
import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from consortium.models import DataExport
from events.models import Subscriber, Subscription
from experts.models import ContactView, Expert
from members import personal_data
from members.models import Consent, Membership
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration
from tests.members.personal_data_helpers import services_data_of

URL = "/en/members/my-data/download/"


def everything_of(user, *, expert_name, address, identifiers):
    """Data of every kind for ``user``, marked with their own names so that a leak shows."""
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    EmailAddress.objects.create(user=user, email=address, verified=True)
    membership = user.membership
    membership.statement = f"Statement of {user.first_name}"
    membership.save()
    expert = Expert.objects.create(family_name_en=expert_name, email=f"{expert_name}@example.ac.jp", user=user)
    event = make_event(title_en=f"Seminar for {user.first_name}")
    make_registration(event, user=user, name=f"{user.first_name} registered", email=user.email)
    make_registration(event, name=f"{user.first_name} in public", email=address.upper())
    DataExport.objects.create(
        user=user, user_email=user.email, kind="experts", format="csv", language="en",
        query_string=f"q={user.first_name}-search", row_count=2,
    )  # fmt: skip
    Consent.objects.create(user=user, email=user.email, context="signup", privacy_version=2, language="en")
    ContactView.objects.create(
        viewer=user, viewer_email=user.email, expert=expert, expert_name=f"Seen by {expert_name}"
    )
    services_data_of(user, label=user.first_name, address=address, expert=expert, identifiers=identifiers)


@pytest.fixture
def two_members(member):
    other = make_user("other@example.org", status=Membership.Status.ACTIVE, first_name="Kenji", last_name="Other")
    everything_of(
        member,
        expert_name="Suzukiexpert",
        address="hanako.home@example.net",
        identifiers=("0000-0002-1825-0097", "hanako_s", "12345678"),
    )
    everything_of(
        other,
        expert_name="Otherexpert",
        address="kenji.home@example.net",
        identifiers=("0000-0001-5109-3700", "kenji_o", "87654321"),
    )
    return member, other


def download(client):
    response = client.post(URL)
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="jcic-heritage-my-data-')
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_download_holds_every_section_as_json_and_csv(client, two_members):
    member, _other = two_members
    client.force_login(member)
    archive = download(client)
    names = set(archive.namelist())
    assert "README.txt" in names
    for section in personal_data.sections():
        assert {f"{section.name}.json", f"{section.name}.csv"} <= names

    def rows(name):
        return json.loads(archive.read(f"{name}.json"))

    assert rows("account")[0]["email"] == "member@example.org"
    assert {row["email"] for row in rows("email_addresses")} == {"member@example.org", "hanako.home@example.net"}
    assert rows("membership")[0]["statement"] == "Statement of Hanako"
    assert rows("membership")[0]["status"] == "active"
    assert rows("expert_record")[0]["name_roman"] == "Suzukiexpert"
    assert {row["name"] for row in rows("event_registrations")} == {
        "Hanako registered",
        "Hanako in public",
        "Hanako at the workshop",
    }
    assert rows("data_exports")[0]["search"] == "q=Hanako-search"
    assert rows("consents")[0]["privacy_version"] == 2
    assert rows("contact_details_viewed")[0]["expert"] == "Seen by Suzukiexpert"
    # The CSV files hold the same rows, under the headers a person reads.
    table = list(csv.reader(io.StringIO(archive.read("event_registrations.csv").decode("utf-8-sig"))))
    assert table[0][:2] == ["Event", "Starts"]
    assert len(table) == 4


def test_the_member_services_sections_hold_the_members_own_rows(client, two_members, settings):
    member, _other = two_members
    client.force_login(member)
    archive = download(client)

    def rows(name):
        return json.loads(archive.read(f"{name}.json"))

    [search] = rows("saved_searches")
    assert (search["name"], search["kind"], search["alerts"]) == ("Hanako's experts", "Experts", "Weekly")
    assert search["address"] == settings.PORTAL_URL + "/en/experts/?q=Hanako"
    assert search["created_at"] and search["last_sent_at"] is None

    # The account's subscriber, and the public one at an address the account has verified.
    subscriptions = {row["email"]: row for row in rows("subscriptions")}
    assert set(subscriptions) == {"member@example.org", "hanako.home@example.net"}
    assert subscriptions["member@example.org"]["country"] == "Cambodia"
    assert subscriptions["hanako.home@example.net"]["event_kind"] == "workshop"
    assert subscriptions["hanako.home@example.net"]["language"] == "Japanese"
    [digest] = rows("subscription_digests")
    assert (digest["email"], digest["status"], digest["items"]) == ("member@example.org", "sent", 1)

    [record] = rows("expert_record")
    assert (record["orcid"], record["researchmap_id"], record["kaken_number"]) == (
        "0000-0002-1825-0097",
        "hanako_s",
        "12345678",
    )
    assert record["confirmed_at"] == "2026-04-01"
    assert rows("expert_publications") == [
        {"citation": "Hanako et al., Wall paintings of Bamiyan", "year": 2020, "url": "", "doi": "10.1000/Hanako"}
    ]
    claim, record_request = rows("expert_record_requests")
    assert (claim["request"], claim["record"], claim["status"]) == (
        "Claim of an existing record",
        "Hanakoclaimed",
        "declined",
    )
    assert (claim["message"], claim["decision_note"]) == ("Hanako claims this record", "Not Hanako's record")
    assert (record_request["request"], record_request["name_roman"], record_request["message"]) == (
        "Request for a new record",
        "Hanakorequested",
        "Hanako asks for a record",
    )

    workshop = next(row for row in rows("event_registrations") if row["event"] == "Workshop for Hanako")
    assert workshop["attended"] == "online" and workshop["checked_in_at"]
    assert rows("event_registration_answers") == [
        {"event": "Workshop for Hanako", "question": "Dietary needs", "answer": "Hanako eats no meat"},
        {"event": "Workshop for Hanako", "question": "How will you attend?", "answer": "Online"},
    ]
    [sent] = rows("event_emails_received")
    assert (sent["subject"], sent["email"], sent["status"]) == (
        "Getting to the workshop, Hanako",
        "member@example.org",
        "failed",
    )
    table = list(csv.reader(io.StringIO(archive.read("subscription_digests.csv").decode("utf-8-sig"))))
    assert table[0] == ["When", "Sent to", "Status", "News articles and events", "Language"]
    assert table[1][1:] == ["member@example.org", "sent", "1", "English"]


def test_the_download_holds_nobody_elses_data(client, two_members):
    member, other = two_members
    for downloader, stranger in [(member, other), (other, member)]:
        client.force_login(downloader)
        archive = download(client)
        text = "".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())
        for trace in (stranger.email, stranger.first_name, "kenji.home" if stranger == other else "hanako.home"):
            assert trace not in text, (downloader, trace)
        assert downloader.email in text
        client.logout()


def test_registrations_under_an_unverified_address_are_not_the_accounts(client, member):
    # Anyone can add an address to their account; until it is verified it proves nothing.
    EmailAddress.objects.create(user=member, email="victim@example.org", verified=False)
    make_registration(make_event(), name="Someone Else", email="victim@example.org")
    Consent.objects.create(email="victim@example.org", context="event_registration", language="en")
    public = Subscriber.objects.create(email="victim@example.org", language="en")
    Subscription.objects.create(subscriber=public, event_kind="seminar")
    client.force_login(member)
    archive = download(client)
    assert json.loads(archive.read("event_registrations.json")) == []
    assert json.loads(archive.read("consents.json")) == []
    assert json.loads(archive.read("subscriptions.json")) == []


def test_downloads_are_limited_per_hour(client, member):
    client.force_login(member)
    for _ in range(5):
        assert client.post(URL).status_code == 200
    refused = client.post(URL)
    assert refused.status_code == 429
    assert "You can download your data 5 times an hour." in refused.text


def test_the_download_takes_a_post_from_someone_signed_in(client, member):
    assert client.get(URL).status_code == 405
    assert client.post(URL)["Location"].startswith(reverse("account_login"))


def test_the_page_lists_the_sections_and_the_days_use(client, member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 7
    client.force_login(member)
    page = client.get("/en/members/my-data/").text
    assert "Event registrations" in page
    assert "0 / 7" in page
    assert "/en/members/close/" in page


def test_an_app_adds_a_section_in_a_few_lines(client, member):
    try:

        @personal_data.section("saved_things", "Saved things", fields=[("label", "Label")])
        def saved_things(user):
            return [{"label": f"kept for {user.email}"}]

        with pytest.raises(ImproperlyConfigured):
            personal_data.register(personal_data.Section("saved_things", "Again", (), rows=lambda user: []))
        client.force_login(member)
        archive = download(client)
        assert json.loads(archive.read("saved_things.json")) == [{"label": "kept for member@example.org"}]
    finally:
        personal_data._SECTIONS.pop("saved_things", None)
