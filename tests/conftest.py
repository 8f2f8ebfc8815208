"""The fixed users every access test runs over: anonymous, applicant, member, suspended member, staff."""

import pytest

from members.models import Membership, User
from tests.admin_checks import sign_in_to_admin


def pytest_collection_modifyitems(items):
    """A test in a real transaction must restore the reference data that the migrations loaded:
    the flush after it empties every table, and the tests after it would find no countries."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(f"{item.nodeid}: use django_db(transaction=True, serialized_rollback=True)")


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
def staff(db):
    return make_user("staff@example.org", is_staff=True, is_superuser=True, first_name="Keiko", last_name="Sato")


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
