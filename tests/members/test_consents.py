"""Consent to the privacy policy and the terms of use: asked on every form that collects personal data, and
recorded with the versions in force and the time, at sign-up and at a public event registration."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Page, PendingRegistration, Registration
from members.models import Consent, Membership, Organization, User
from tests.events.conftest import make_event, make_page
from tests.members.organisation_helpers import make_invitation, organisational_member, sign_up
from tests.members.test_signup import application

PASSWORD = "a long enough passphrase 42"


@pytest.fixture
def policies(db):
    privacy = make_page(slug="privacy", title_en="Privacy policy", title_ja="プライバシーポリシー", version=3)
    terms = make_page(slug="terms", title_en="Terms of use", title_ja="利用規約", version=2)
    return privacy, terms


def test_signup_records_the_consent_with_the_versions_in_force(client, policies):
    before = timezone.now()
    response = client.post("/en/accounts/signup/", application(language="ja"))
    assert response.status_code == 302
    user = User.objects.get(email="aiko@example.org")
    consent = Consent.objects.get()
    assert (consent.user, consent.email, consent.context) == (user, "aiko@example.org", Consent.Context.SIGNUP)
    assert (consent.privacy_version, consent.terms_version, consent.language) == (3, 2, "ja")
    assert before <= consent.given_at <= timezone.now()


def test_signup_without_the_tick_is_refused_and_saves_nothing(client, policies):
    data = application()
    del data["consent"]
    response = client.post("/en/accounts/signup/", data)
    assert response.status_code == 200
    assert "Please read the privacy policy and the terms of use, and tick the box to agree." in response.text
    assert not User.objects.exists()
    assert not Membership.objects.exists()
    assert not Consent.objects.exists()
    assert mail.outbox == []


def test_an_unpublished_policy_is_recorded_as_no_version(client, policies):
    Page.objects.filter(slug="terms").update(is_published=False)
    client.post("/en/accounts/signup/", application())
    consent = Consent.objects.get()
    assert (consent.privacy_version, consent.terms_version) == (3, None)


def test_the_forms_link_to_both_policies(client, policies):
    event = make_event()
    for url in ["/en/accounts/signup/", f"/en/events/{event.slug}/register/", "/ja/accounts/signup/"]:
        page = client.get(url).text
        assert 'name="consent"' in page, url
        language = url[1:3]
        assert f'href="/{language}/about/privacy/"' in page, url
        assert f'href="/{language}/about/terms/"' in page, url


def test_the_footer_links_to_both_policies_and_a_policy_shows_its_version(client, policies):
    privacy, _terms = policies
    Page.objects.filter(pk=privacy.pk).update(version_date="2026-04-01")
    home = client.get("/en/").text
    assert 'href="/en/about/privacy/"' in home
    assert 'href="/en/about/terms/"' in home
    assert "Version 3, in force since April 1, 2026." in client.get("/en/about/privacy/").text
    assert "Version 2." in client.get("/en/about/terms/").text


def public_details(**fields):
    return {"name": "Ana Lima", "email": "ana@example.org", "affiliation": "Museu Nacional", "language": "en"} | fields


def test_a_public_registration_records_the_consent_given_on_the_form_when_confirmed(client, policies):
    event = make_event()
    client.post(f"/en/events/{event.slug}/register/", public_details(consent="on"))
    pending = PendingRegistration.objects.get()
    assert (pending.consented, pending.privacy_version, pending.terms_version) == (True, 3, 2)
    assert not Consent.objects.exists()  # nothing is kept as agreed until the address is confirmed

    # The policy changes before the link is used: the consent stays the one given on the form, at its time.
    Page.objects.filter(slug="privacy").update(version=4)
    PendingRegistration.objects.filter(pk=pending.pk).update(created_at=timezone.now() - timedelta(hours=2))
    link = mail.outbox[0].body.split("http://testserver", 1)[1].split()[0]
    assert client.post(link).status_code == 302

    registration = Registration.objects.get()
    consent = registration.consent
    assert (consent.email, consent.context, consent.user) == ("ana@example.org", "event_registration", None)
    assert (consent.privacy_version, consent.terms_version) == (3, 2)
    assert timezone.now() - consent.given_at > timedelta(hours=1)
    assert consent.subject == str(event)


def test_a_public_registration_without_the_tick_is_refused_and_sends_nothing(client, policies):
    event = make_event()
    response = client.post(f"/en/events/{event.slug}/register/", public_details())
    assert response.status_code == 200
    assert "Please read the privacy policy and the terms of use, and tick the box to agree." in response.text
    assert not PendingRegistration.objects.exists()
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_an_invited_colleague_consents_when_signing_up(client, policies):
    organisation = Organization.objects.create(name_en="Nara Institute", kind=Organization.Kind.RESEARCH_INSTITUTE)
    representative = organisational_member("head@example.ac.jp", organisation)
    _invitation, link = make_invitation(organisation, representative)
    without = sign_up(client, link, consent="")
    assert without.status_code == 200
    assert not User.objects.filter(email="new@example.ac.jp").exists()
    assert sign_up(client, link).status_code == 302
    consent = Consent.objects.get(context=Consent.Context.SIGNUP)
    assert (consent.user.email, consent.email) == ("new@example.ac.jp", "new@example.ac.jp")
    assert (consent.privacy_version, consent.terms_version) == (3, 2)


def test_consents_are_read_only_in_the_admin(staff_client, policies):
    assert staff_client.get(reverse("admin:members_consent_changelist")).status_code == 200
    assert staff_client.get(reverse("admin:members_consent_add")).status_code == 403
