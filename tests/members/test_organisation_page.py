"""A representative's page: revoking invitations, removing colleagues, and who may use it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from members import approval, invitations
from members.models import Invitation, Membership, Organization
from tests.members.organisation_helpers import (
    PAGE,
    invite,
    make_invitation,
    organisational_member,
)

# Each invitation's secret is kept as it is e-mailed (only its digest is stored).
pytestmark = pytest.mark.usefixtures("capture_tokens")

# Revoking and removing ------------------------------------------------------------


def test_the_page_lists_colleagues_and_open_invitations(rep_client, organisation, representative, colleague):
    invitations.invite(organisation, "new@example.ac.jp", by=representative, language="en")
    content = rep_client.get(PAGE).content.decode()
    assert "Ken Abe" in content and "colleague@example.ac.jp" in content
    assert "new@example.ac.jp" in content


def test_the_representative_revokes_an_invitation(rep_client, organisation, representative):
    invitation, link = make_invitation(organisation, representative)
    response = rep_client.post(reverse("members:revoke_invitation", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_by == representative
    rep_client.logout()
    assert rep_client.get(link).status_code == 404


def test_removing_a_colleague_ends_their_access_at_their_next_request(client, representative, colleague):
    client.force_login(colleague)
    assert client.get("/en/experts/").status_code == 200

    rep = client.__class__()
    rep.force_login(representative)
    membership = colleague.membership
    response = rep.post(reverse("members:remove_colleague", args=[membership.pk]))
    assert response.status_code == 302

    assert client.get("/en/experts/").status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.WITHDRAWN
    assert "Yoko Mori" in membership.decision_note
    assert membership.history.latest().history_change_reason == approval.REPRESENTATIVE_REMOVAL
    assert membership.history.filter(status=Membership.Status.ACTIVE).exists()


def test_the_representative_cannot_remove_themself(rep_client, representative):
    response = rep_client.post(reverse("members:remove_colleague", args=[representative.membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.get(user=representative).is_active


def test_a_representative_cannot_touch_another_organisations_accounts(client, organisation, colleague):
    other = Organization.objects.create(name_en="Other Institute", kind=Organization.Kind.RESEARCH_INSTITUTE)
    other_rep = organisational_member("other.rep@example.org", other)
    other.representative = other_rep
    other.save()
    invitation, _link = make_invitation(organisation, None)
    client.force_login(other_rep)
    assert client.post(reverse("members:remove_colleague", args=[colleague.membership.pk])).status_code == 404
    assert client.post(reverse("members:revoke_invitation", args=[invitation.pk])).status_code == 404
    assert Membership.objects.get(user=colleague).is_active


# Who may use the page ------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("who", ["applicant", "member", "staff", "colleague", "other_representative"])
def test_only_the_representative_may_use_the_page(client, organisation, representative, who, request):
    if who == "other_representative":
        other = Organization.objects.create(name_en="Other Institute", kind=Organization.Kind.RESEARCH_INSTITUTE)
        user = organisational_member("other.rep@example.org", other)
        other.representative = user
        other.save()
        # They see their own organisation's page, never this one's.
        client.force_login(user)
        response = client.get(PAGE)
        assert response.status_code == 200
        assert response.context["organisation"] == other
        return
    user = request.getfixturevalue(who)
    client.force_login(user)
    response = client.get(PAGE)
    assert response.status_code == 403
    assert invite(client).status_code == 403
    assert not Invitation.objects.exists()


def test_a_representative_whose_membership_ended_manages_nothing(client, organisation, representative):
    Membership.objects.filter(user=representative).update(status=Membership.Status.SUSPENDED)
    client.force_login(representative)
    assert client.get(PAGE).status_code == 403


def test_the_account_page_links_the_representative_to_the_organisation_page(rep_client, client, member):
    assert PAGE in rep_client.get("/en/members/").content.decode()
    other = client.__class__()
    other.force_login(member)
    assert PAGE not in other.get("/en/members/").content.decode()


def test_the_organisation_page_costs_the_same_queries_with_more_colleagues(rep_client, organisation, representative):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert rep_client.get(PAGE).status_code == 200
        return len(captured)

    few = queries()
    for number in range(5):
        organisational_member(f"c{number}@example.ac.jp", organisation)
        make_invitation(organisation, representative, email=f"i{number}@example.ac.jp")
    assert queries() == few
