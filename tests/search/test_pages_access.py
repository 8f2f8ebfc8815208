"""Who sees the list pages, the unified search and the detail pages, and which records on them."""

from django.urls import reverse

from tests.search.pages import LIST_PAGES, detail_urls


def every_page(records):
    return [reverse(name) for name in LIST_PAGES] + [reverse("database") + "?q=山田"] + detail_urls(records)


def test_every_page_follows_the_access_rule(client, any_user, records):
    if any_user is not None:
        client.force_login(any_user)
    level = "anonymous" if any_user is None else any_user.email.split("@")[0]
    for url in every_page(records):
        response = client.get(url)
        if level == "anonymous":
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("account_login"))
            assert "next=" in response["Location"]
        elif level in ("applicant", "suspended"):
            assert response.status_code == 403
            assert "members/membership_required.html" in [t.name for t in response.templates]
            assert "小山田" not in response.content.decode()
            assert "Oyamada" not in response.content.decode()
        else:
            assert response.status_code == 200, url
            assert response["Cache-Control"].startswith("max-age=0")


def test_staff_only_records_are_invisible_to_members(member_client, records):
    response = member_client.get(reverse("experts:list"), {"q": "conservation"})
    pks = {expert.pk for expert in response.context["results"]}
    assert records.hidden_expert.pk not in pks
    assert records.oyamada.pk in pks
    specialty = next(facet for facet in response.context["facets"] if facet.name == "specialty")
    counts = {option.value: option.count for option in specialty.options}
    assert counts["conservation-science"] == 1  # Oyamada; Dupont's biography says "restoration", not conservation

    for url in (
        records.hidden_expert.get_absolute_url(),
        records.hidden_project.get_absolute_url(),
    ):
        assert member_client.get(url).status_code == 404

    response = member_client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 1
    assert "Confidential" not in response.content.decode()


def test_staff_see_staff_only_records(staff_client, records):
    response = staff_client.get(reverse("experts:list"), {"q": "conservation"})
    assert records.hidden_expert.pk in {expert.pk for expert in response.context["results"]}
    assert reverse("mfa_activate_totp") not in response.content.decode()
    assert staff_client.get(records.hidden_expert.get_absolute_url()).status_code == 200
    response = staff_client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 2


def test_staff_without_a_second_factor_see_what_members_see(client, staff_without_second_factor, records):
    client.force_login(staff_without_second_factor)
    response = client.get(reverse("experts:list"), {"q": "conservation"})
    assert response.status_code == 200
    assert records.hidden_expert.pk not in {expert.pk for expert in response.context["results"]}
    assert reverse("mfa_activate_totp") in response.content.decode()
    assert client.get(records.hidden_expert.get_absolute_url()).status_code == 404
    response = client.get(reverse("database"), {"q": "Bamiyan"})
    projects = next(group for group in response.context["groups"] if group["key"] == "projects")
    assert projects["count"] == 1
