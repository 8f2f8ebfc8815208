"""The public forms and the member's preferences, posted with hostile values.

Whatever is sent, the answer is never a server error: either the form
accepted valid input, or it shows what was wrong and nothing in the
database changed.
"""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from members.models import Committee, Membership
from tests.events.conftest import make_event
from tests.hostile.conftest import row_counts
from tests.hostile.strategies import encoded_value

PASSWORD = "correct horse battery staple"
HOSTILE = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

FORMS = {
    "event registration": (
        "/en/events/spring-symposium/register/",
        {"name": "Ada Lovelace", "email": "ada@example.org", "affiliation": "", "language": "en", "consent": "on"},
    ),
    "sign-up": (
        "/en/accounts/signup/",
        {
            "last_name": "Lovelace",
            "first_name": "Ada",
            "email": "ada@example.org",
            "password1": "a long enough passphrase 42",
            "password2": "a long enough passphrase 42",
            "organization": "",
            "organization_name": "Analytical Engines Ltd",
            "kind": "individual",
            "committees": "1",
            "statement": "I study the conservation of engines.",
            "language": "ja",
            "consent": "on",
        },
    ),
    "sign-in": ("/en/accounts/login/", {"login": "member@example.org", "password": PASSWORD}),
    "password reset": ("/en/accounts/password/reset/", {"email": "member@example.org"}),
    "member preferences": ("/en/members/", {"language": "en", "news_opt_in": "on"}),
    "expert record request": (
        "/en/members/expert/request/",
        {
            "family_name": "田中",
            "family_name_en": "Tanaka",
            "given_name_en": "Misaki",
            "organization_name": "Tokyo University of the Arts",
            "position_en": "Associate Professor",
            "countries": "KH",
            "message": "Murals of Central Asia.",
        },
    ),
}
SIGNED_IN = {"member preferences", "expert record request"}


def bodies(valid):
    """Form bodies where each field is left out, valid, or one or two hostile values."""
    field = {
        name: st.one_of(
            st.just([]),
            st.just([quote(value, safe="")]),
            st.lists(encoded_value, min_size=1, max_size=2),
        )
        for name, value in valid.items()
    }
    return st.fixed_dictionaries(field).map(
        lambda fields: "&".join(f"{name}={value}" for name, values in fields.items() for value in values)
    )


@pytest.fixture
def form_world(member):
    """An event open for registration and a member with a verified address, for every form to act on."""
    from allauth.account.models import EmailAddress

    make_event(slug="spring-symposium", title_en="Spring symposium", capacity=100)
    EmailAddress.objects.create(user=member, email=member.email, verified=True, primary=True)
    Committee.objects.get_or_create(code="asia", defaults={"name_ja": "アジア", "name_en": "Asia"})
    return member


def shows_its_errors(response):
    """True when the form in the page has errors and the page shows every one of them."""
    form = response.context["form"] if response.context and "form" in response.context else None
    if form is None or not form.errors:
        return False
    page = response.content.decode()
    messages = [str(message) for errors in form.errors.values() for message in errors]
    missing = [message for message in messages if escape(message) not in page]
    assert not missing, f"the page does not show {missing}"
    return True


@pytest.mark.parametrize("name", FORMS)
def test_forms_answer_hostile_input_without_error_or_change(form_world, name):
    path, valid = FORMS[name]

    @HOSTILE
    @given(body=bodies(valid))
    def check(body):
        cache.clear()  # the rate limits would otherwise answer 429 after a few examples
        client = Client()
        if name in SIGNED_IN:
            client.force_login(form_world)
        before = row_counts()
        response = client.post(path, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 302), (body[:300], response.status_code)
        if response.status_code == 200 and shows_its_errors(response):
            assert row_counts() == before, body[:300]
        else:
            # Accepted, which a valid form only may be: sent on (302), or asked to confirm the address.
            templates = [template.name for template in response.templates]
            accepted = response.status_code == 302 or "events/register_check_email.html" in templates
            assert accepted, f"{body[:300]!r} was neither accepted nor told what was wrong"

    check()


def test_valid_sign_up_is_accepted_and_files_one_application(db):
    path, valid = FORMS["sign-up"]
    response = Client().post(path, {name: value for name, value in valid.items() if name != "committees"})
    assert response.status_code == 302
    assert Membership.objects.filter(user__email="ada@example.org", status=Membership.Status.APPLIED).count() == 1
