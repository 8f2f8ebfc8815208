"""The member's own page, their expert record, and what suspension takes away."""

import pytest
from django.urls import reverse

from experts.models import Expert
from members import approval
from members.models import Membership
from tests.experts.own_records import form_data


def test_member_page_shows_the_membership_and_is_not_cached(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("members:home"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response.context["membership"].status == Membership.Status.APPLIED
    assert [change.status for change in response.context["history"]] == ["applied"]


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("members:home"))
    assert response.status_code == 302
    assert "/accounts/login/?next=" in response["Location"]


def test_preferences_are_saved(client, member):
    client.force_login(member)
    response = client.post(reverse("members:home"), {"language": "en", "news_opt_in": ""})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.language == "en"
    assert Membership.objects.get(user=member).news_opt_in is False


def test_history_lists_each_change_of_status(client, applicant, staff, django_capture_on_commit_callbacks):
    approval.decide(applicant.membership, approval.APPROVE, by=staff)
    approval.decide(Membership.objects.get(user=applicant), approval.SUSPEND, by=staff)
    client.force_login(applicant)
    history = client.get(reverse("members:home")).context["history"]
    assert [change.status for change in history] == ["applied", "active", "suspended"]


def test_member_edits_own_expert_record_into_its_history(client, member, member_expert):
    client.force_login(member)
    page = client.get(reverse("members:home"))
    assert reverse("members:expert") in page.content.decode()
    data = form_data(
        member_expert, department="Faculty of Letters", position_en="Professor", email="new@example.ac.jp"
    )
    response = client.post(reverse("members:expert_edit"), data)
    assert response.status_code == 302
    expert = Expert.objects.get(pk=member_expert.pk)
    assert expert.position_en == "Professor"
    latest = expert.history.first()
    assert latest.history_user == member
    assert latest.email == "new@example.ac.jp"


def test_member_without_an_expert_record_is_offered_to_claim_one_or_ask_for_one(client, member):
    client.force_login(member)
    assert reverse("members:expert") in client.get(reverse("members:home")).content.decode()
    page = client.get(reverse("members:expert"))
    assert page.status_code == 200
    assert reverse("members:expert_request") in page.content.decode()


@pytest.mark.parametrize("decision", [approval.SUSPEND, approval.WITHDRAW])
def test_suspension_or_withdrawal_ends_access_on_the_next_request(client, member, member_expert, staff, decision):
    client.force_login(member)
    first = client.get(reverse("members:expert_edit"))
    assert first.status_code == 200
    assert "no-store" in first["Cache-Control"]
    assert member_expert.email in first.content.decode()

    assert approval.decide(member.membership, decision, by=staff)

    response = client.get(reverse("members:expert_edit"))
    assert response.status_code == 403
    assert response.templates[0].name == "members/membership_required.html"
    assert member_expert.email not in response.content.decode()
    assert member_expert.phone not in response.content.decode()


def test_header_links_to_the_member_page(client, member):
    client.force_login(member)
    assert f'href="{reverse("members:home")}"' in client.get(reverse("home")).content.decode()
