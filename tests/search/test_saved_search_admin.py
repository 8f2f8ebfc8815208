"""Staff read members' saved searches in the admin, with the model's view permission; no one edits them there."""

from django.contrib.auth.models import Permission
from django.urls import reverse

from search import saved
from search.models import SavedSearch
from tests.admin_checks import assert_flat_queries, sign_in_to_admin
from tests.conftest import make_user


def test_staff_list_and_read_saved_searches_in_a_fixed_number_of_queries(client, staff, member, records):
    first = saved.create(member, "experts", {"q": ["Yamada"]}, name="Yamadas", alerts="weekly")
    sign_in_to_admin(client, staff)
    changelist = reverse("admin:search_savedsearch_changelist")
    assert "Yamadas" in client.get(changelist).text

    def more_searches():
        for number in range(5):
            saved.create(member, "sites", {"q": [f"Bamiyan {number}"]})

    assert_flat_queries(client, changelist, more_searches, most=8)
    page = client.get(reverse("admin:search_savedsearch_change", args=[first.pk])).text
    assert "Yamadas" in page
    assert 'name="name"' not in page  # read only
    assert client.get(reverse("admin:search_savedsearch_add")).status_code == 403
    assert client.post(reverse("admin:search_savedsearch_delete", args=[first.pk]), {"post": "yes"}).status_code == 403
    assert SavedSearch.objects.filter(pk=first.pk).exists()


def test_staff_without_the_view_permission_see_no_saved_searches(client, member, records):
    saved.create(member, "experts", {"q": ["Yamada"]})
    reader = make_user("reader@example.org", is_staff=True)
    sign_in_to_admin(client, reader)
    url = reverse("admin:search_savedsearch_changelist")
    assert client.get(url).status_code == 403
    reader.user_permissions.add(Permission.objects.get(codename="view_savedsearch"))
    assert client.get(url).status_code == 200
