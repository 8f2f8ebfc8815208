"""The fixed users every access test runs over: anonymous, applicant, member, suspended member, staff."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from members.access import SECOND_FACTORS
from members.models import Membership, User
from tests.admin_checks import record_second_factor, sign_in_to_admin


def pytest_collection_modifyitems(items):
    """A test in a real transaction must restore the reference data that the migrations loaded:
    the flush after it empties every table, and the tests after it would find no countries."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)")


@pytest.fixture(autouse=True, scope="session")
def force_login_passes_the_second_factor():
    """``Client.force_login`` signs in as allauth's sign-in does: an account with a second factor passes it.

    A test of a session that has not passed it signs in with ``admin_checks.sign_in_without_second_factor``.
    """
    django_force_login = Client.force_login

    def force_login(self, user, backend=None):
        django_force_login(self, user, backend)
        if is_mfa_enabled(user, types=SECOND_FACTORS):
            record_second_factor(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login)
        yield


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache, as it starts with an empty database: Redis is not rolled back
    with the test's transaction. Only this run's keys are deleted (``consortium.settings_test``)."""
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language. A request activates its page's language
    in the test's thread, and ``reverse()`` outside a request would otherwise follow whatever page
    an earlier test asked for last."""
    translation.activate(settings.LANGUAGE_CODE)


def make_user(email, *, status=None, **fields):
    user = User.objects.create_user(email=email, password="correct horse battery staple", **fields)
    if status is not None:
        Membership.objects.create(user=user, status=status)
    return user


@pytest.fixture
def applicant(db):
    return make_user("applicant@example.org", status=Membership.Status.APPLIED, first_name="Taro", last_name="Yamada")


@pytest.fixture
def member(db):
    return make_user("member@example.org", status=Membership.Status.ACTIVE, first_name="Hanako", last_name="Suzuki")


@pytest.fixture
def suspended_member(db):
    return make_user("suspended@example.org", status=Membership.Status.SUSPENDED, first_name="Jiro", last_name="Ito")


@pytest.fixture
def staff_totp_secret():
    return generate_totp_secret()


@pytest.fixture
def staff(db, staff_totp_secret):
    """Staff with a second factor (TOTP), which staff need for the admin and for staff-only records."""
    user = make_user("staff@example.org", is_staff=True, is_superuser=True, first_name="Keiko", last_name="Sato")
    TOTP.activate(user, staff_totp_secret)
    return user


@pytest.fixture
def staff_without_second_factor(db):
    return make_user("new.staff@example.org", is_staff=True, first_name="Ken", last_name="Mori")


@pytest.fixture(params=["anonymous", "applicant", "member", "suspended_member", "staff"])
def any_user(request):
    """Each of the fixed users in turn; ``None`` for the anonymous visitor."""
    if request.param == "anonymous":
        return None
    return request.getfixturevalue(request.param)


@pytest.fixture
def staff_client(client, staff):
    """A client signed in as staff with a second factor, as the admin requires."""
    return sign_in_to_admin(client, staff)
