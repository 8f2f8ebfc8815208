"""Staff-only records are for the staff who work on them: the model's view permission, not staff status alone."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from consortium.visibility import Visibility
from experts.models import Expert
from projects.models import CooperationProject
from tests.admin_checks import sign_in_to_admin
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(db):
    return {
        "expert": Expert.objects.create(family_name_en="Staffonlyexpert", visibility=Visibility.STAFF),
        "project": CooperationProject.objects.create(
            title_en="Staffonly Testproject",
            kind=CooperationProject.Kind.CONSERVATION,
            status=CooperationProject.Status.ONGOING,
            start_year=2024,
            visibility=Visibility.STAFF,
        ),
    }


def staff_with(client, *codenames):
    user = make_user("editor@example.org", is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
    return sign_in_to_admin(client, user), user


@pytest.mark.parametrize("kind", ["expert", "project"])
def test_staff_without_the_view_permission_do_not_see_a_staff_only_record(client, records, kind):
    client, _ = staff_with(client, "view_membership")
    assert client.get(records[kind].get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("kind", "permission"), [("expert", "view_expert"), ("project", "view_cooperationproject")])
def test_staff_with_the_view_permission_see_a_staff_only_record(client, records, kind, permission):
    client, _ = staff_with(client, permission)
    assert client.get(records[kind].get_absolute_url()).status_code == 200


def test_the_database_search_shows_staff_only_records_by_permission(client, records):
    client, _ = staff_with(client, "view_cooperationproject")
    page = client.get(reverse("experts:list") + "?q=Staffonlyexpert").content.decode()
    assert records["expert"].get_absolute_url() not in page
    page = client.get(reverse("projects:list") + "?q=Staffonly").content.decode()
    assert records["project"].get_absolute_url() in page
