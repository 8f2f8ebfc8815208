import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from consortium.visibility import Visibility
from members.models import Committee, Membership, Organization, User
from projects.models import CooperationProject
from tests.events.conftest import make_event


@pytest.fixture
def organisation(member):
    """A member organisation, which the sign-up page lists."""
    organisation = Organization.objects.create(
        name_ja="東京文化財研究所", name_en="Tokyo Research Institute", kind="research_institute"
    )
    Membership.objects.filter(user=member).update(organization=organisation)
    return organisation


@pytest.fixture
def committee(db):
    return Committee.objects.create(code="test-maritime", name_ja="水中文化遺産分科会", name_en="Underwater heritage")


def application(**overrides):
    data = {
        "last_name": "Tanaka",
        "first_name": "Aiko",
        "email": "aiko@example.org",
        "password1": "a long enough passphrase 42",
        "password2": "a long enough passphrase 42",
        "organization": "",
        "organization_name": "",
        "kind": "individual",
        "statement": "Conservation architect working in Central Asia.",
        "language": "en",
        "consent": "on",
    }
    data.update(overrides)
    return data


def test_signup_page_asks_for_the_application_in_japanese(client, db):
    response = client.get("/ja/accounts/signup/")
    content = response.content.decode()
    assert response.status_code == 200
    for name in [
        "last_name",
        "first_name",
        "email",
        "organization",
        "organization_name",
        "kind",
        "statement",
        "language",
    ]:
        assert f'name="{name}"' in content
    assert "パスワード" in content  # allauth's own Japanese catalogue is in use


def test_signup_creates_an_applied_membership_after_verification(client, organisation, committee):
    response = client.post(
        "/en/accounts/signup/",
        application(organization=organisation.pk, committees=[committee.pk], language="ja"),
    )
    assert response.status_code == 302
    user = User.objects.get(email="aiko@example.org")
    assert (user.last_name, user.first_name, user.language) == ("Tanaka", "Aiko", "ja")
    membership = user.membership
    assert membership.status == Membership.Status.APPLIED
    assert membership.organization == organisation
    # The committees ticked wait as requests to join, for the secretariat to decide.
    assert list(user.committee_requests.values_list("committee", "action", "status")) == [
        (committee.pk, "join", "pending")
    ]
    # Not signed in until the address is verified.
    assert client.get(reverse("members:home")).status_code == 302
    assert not EmailAddress.objects.get(user=user).verified

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[-1].body).group(0)
    client.post(link.split("testserver", 1)[1])

    assert EmailAddress.objects.get(user=user).verified
    response = client.get(reverse("members:home"))
    assert response.status_code == 200
    assert Membership.objects.get(user=user).status == Membership.Status.APPLIED


def test_typed_organisation_is_kept_when_not_in_the_list(client, db):
    client.post("/en/accounts/signup/", application(organization_name="Kyoto Heritage NPO"))
    assert Membership.objects.get(user__email="aiko@example.org").organization_name == "Kyoto Heritage NPO"


def test_organisational_membership_needs_an_organisation(client, db):
    response = client.post("/en/accounts/signup/", application(kind="organisational"))
    assert response.status_code == 200
    assert not User.objects.filter(email="aiko@example.org").exists()


def organisation_named(name_en, **fields):
    return Organization.objects.create(name_ja=name_en, name_en=name_en, kind="university", **fields)


def signup_choices(client):
    form = client.get("/en/accounts/signup/").context["form"]
    return {str(organisation) for organisation in form.fields["organization"].queryset}


def test_signup_page_lists_no_organisation_known_only_from_a_staff_only_project(client, organisation):
    secret_lead = organisation_named("Secret Lead University")
    secret_partner = organisation_named("Secret Partner Institute")
    project = CooperationProject.objects.create(
        title_en="Confidential survey", kind="research", start_year=2020, visibility=Visibility.STAFF
    )
    project.lead_organization = secret_lead
    project.save()
    project.partners.add(secret_partner)
    public_partner = organisation_named("Open Partner Foundation")
    CooperationProject.objects.create(title_en="Open survey", kind="research", start_year=2020).partners.add(
        public_partner
    )
    co_organiser = organisation_named("Co-organising Museum")
    make_event().co_organisers.add(co_organiser)
    organisation_named("Nobody's University")

    choices = signup_choices(client)
    assert choices == {str(organisation), "Open Partner Foundation", "Co-organising Museum"}
    content = client.get("/en/accounts/signup/").content.decode()
    assert "Tokyo Research Institute" in content
    assert "Secret Lead University" not in content
    assert "Secret Partner Institute" not in content


def test_signup_refuses_an_organisation_that_is_not_listed(client, db):
    hidden = organisation_named("Secret Lead University")
    response = client.post("/en/accounts/signup/", application(organization=hidden.pk))
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not User.objects.filter(email="aiko@example.org").exists()
