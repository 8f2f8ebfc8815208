"""The detail pages of an expert, a project and a site, and what they connect."""


def test_an_expert_page_connects_projects_countries_and_contact(member_client, records):
    records.yamada.email = "yamada@example.org"
    records.yamada.save()
    response = member_client.get(records.yamada.get_absolute_url())
    page = response.content.decode()
    assert [p.project for p in response.context["participations"]] == [records.bamiyan_project]
    assert "Conservation of the Bamiyan Buddhas niches" in page or "バーミヤン大仏龕の保存" in page
    assert "yamada@example.org" in page
    assert "非公開の調査" not in page  # the staff-only project she advised


def test_a_project_page_connects_sites_experts_and_funders(member_client, records):
    response = member_client.get(records.bamiyan_project.get_absolute_url())
    assert list(response.context["sites"]) == [records.bamiyan]
    assert {p.expert for p in response.context["participations"]} == {records.oyamada, records.yamada}
    assert [funder.code for funder in response.context["funders"]] == ["jica"]


def test_a_site_page_says_who_has_worked_there(member_client, staff_client, records):
    response = member_client.get(records.bamiyan.get_absolute_url())
    assert list(response.context["projects"]) == [records.bamiyan_project]
    assert set(response.context["experts"]) == {records.oyamada, records.yamada}
    staff_view = staff_client.get(records.bamiyan.get_absolute_url())
    assert set(staff_view.context["experts"]) == {records.oyamada, records.yamada, records.hidden_expert}
