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
from experts.models import ContactView, Expert
from members import personal_data
from members.models import Consent, Membership
from tests.conftest import make_user
from tests.events.conftest import make_event, make_registration

URL = "/en/members/my-data/download/"


def everything_of(user, *, expert_name, address):
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


@pytest.fixture
def two_members(member):
    other = make_user("other@example.org", status=Membership.Status.ACTIVE, first_name="Kenji", last_name="Other")
    everything_of(member, expert_name="Suzukiexpert", address="hanako.home@example.net")
    everything_of(other, expert_name="Otherexpert", address="kenji.home@example.net")
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
    assert {row["name"] for row in rows("event_registrations")} == {"Hanako registered", "Hanako in public"}
    assert rows("data_exports")[0]["search"] == "q=Hanako-search"
    assert rows("consents")[0]["privacy_version"] == 2
    assert rows("contact_details_viewed")[0]["expert"] == "Seen by Suzukiexpert"
    # The CSV files hold the same rows, under the headers a person reads.
    table = list(csv.reader(io.StringIO(archive.read("event_registrations.csv").decode("utf-8-sig"))))
    assert table[0][:2] == ["Event", "Starts"]
    assert len(table) == 3


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
    client.force_login(member)
    archive = download(client)
    assert json.loads(archive.read("event_registrations.json")) == []
    assert json.loads(archive.read("consents.json")) == []


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
