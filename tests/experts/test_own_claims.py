"""A member comes to keep their expert record: at once by a verified address, by a claim staff decide, or by
asking for a new record, which staff approve; one record per member and one member per record."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from consortium.models import Country
from consortium.visibility import Visibility
from experts.models import Expert, ExpertClaim, ExpertRecordRequest, Specialty
from members.models import Membership
from tests.conftest import make_user
from tests.experts.conftest import add_address

pytestmark = pytest.mark.django_db

ACCEPTED, DECLINED, PENDING, WITHDRAWN = (ExpertClaim.Status.ACCEPTED, ExpertClaim.Status.DECLINED,
                                          ExpertClaim.Status.PENDING, ExpertClaim.Status.WITHDRAWN)  # fmt: skip


def claim_url(expert):
    return reverse("members:expert_claim", args=[expert.pk])


def test_a_record_with_a_verified_address_of_the_member_is_offered_and_linked_at_once(
    client, member, unclaimed_expert
):
    add_address(member, "Ken.Takahashi@example.ac.jp", verified=True)
    client.force_login(member)
    page = client.get(reverse("members:expert"))
    assert list(page.context["matches"]) == [unclaimed_expert]
    assert claim_url(unclaimed_expert) in page.content.decode()

    response = client.post(claim_url(unclaimed_expert))

    assert response.status_code == 302 and response["Location"] == reverse("members:expert_edit")
    unclaimed_expert.refresh_from_db()
    assert unclaimed_expert.user == member
    made = ExpertClaim.objects.get()
    assert (made.status, made.method, made.matched_email) == (ACCEPTED, "email", "ken.takahashi@example.ac.jp")
    assert unclaimed_expert.history.first().history_user == member


def test_an_unverified_address_claims_nothing(client, member, unclaimed_expert):
    add_address(member, unclaimed_expert.email, verified=False)
    client.force_login(member)
    assert list(client.get(reverse("members:expert")).context["matches"]) == []

    client.post(claim_url(unclaimed_expert))

    unclaimed_expert.refresh_from_db()
    assert unclaimed_expert.user is None
    claim = ExpertClaim.objects.get()
    assert (claim.status, claim.method) == (PENDING, "staff")


def test_a_staff_only_record_is_offered_by_a_verified_address_but_not_otherwise(client, member, unclaimed_expert):
    unclaimed_expert.visibility = Visibility.STAFF
    unclaimed_expert.save()
    client.force_login(member)
    assert client.get(claim_url(unclaimed_expert)).status_code == 404
    assert client.post(claim_url(unclaimed_expert)).status_code == 404
    assert not ExpertClaim.objects.exists()

    add_address(member, unclaimed_expert.email, verified=True)
    assert client.get(claim_url(unclaimed_expert)).context["at_once"] is True


def test_the_experts_page_offers_this_is_me_to_a_member_without_a_record(client, member, unclaimed_expert):
    client.force_login(member)
    html = client.get(unclaimed_expert.get_absolute_url()).content.decode()
    assert claim_url(unclaimed_expert) in html


def decide(staff_client, model, objects, action):
    changelist = reverse(f"admin:experts_{model._meta.model_name}_changelist")
    data = {"action": action, "_selected_action": [o.pk for o in objects]}
    response = staff_client.post(changelist, data, follow=True)
    return [str(message) for message in response.context["messages"]]


def test_staff_accept_a_claim_which_links_the_record_records_who_and_tells_the_member_in_their_language(
    member_client, staff_client, staff, member, unclaimed_expert, django_capture_on_commit_callbacks
):
    member.language = "en"
    member.save()
    member_client.post(claim_url(unclaimed_expert), {"message": "I am Ken Takahashi of Nara."})
    claim = ExpertClaim.objects.get()
    assert claim.message == "I am Ken Takahashi of Nara."
    ExpertClaim.objects.filter(pk=claim.pk).update(decision_note="Welcome.")

    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, ExpertClaim, [claim], "accept_selected")

    claim.refresh_from_db()
    unclaimed_expert.refresh_from_db()
    assert (claim.status, claim.decided_by) == (ACCEPTED, staff) and claim.decided_at is not None
    assert unclaimed_expert.user == member
    (message,) = mail.outbox
    assert message.to == [member.email]
    assert "linked to your account" in message.subject
    assert "Ken Takahashi" in message.body and "Welcome." in message.body
    assert "/en/members/expert/edit/" in message.body


def test_a_declined_claim_links_nothing_and_is_told_in_japanese(
    member_client, staff_client, unclaimed_expert, django_capture_on_commit_callbacks
):
    member_client.post(claim_url(unclaimed_expert))
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, ExpertClaim, ExpertClaim.objects.all(), "decline_selected")
        decide(staff_client, ExpertClaim, ExpertClaim.objects.all(), "accept_selected")  # decided already

    unclaimed_expert.refresh_from_db()
    assert unclaimed_expert.user is None
    assert ExpertClaim.objects.get().status == DECLINED
    (message,) = mail.outbox
    assert "高橋 健" in message.body and "/ja/members/expert/" in message.body
    assert "Dear" not in message.body


def test_one_member_per_record_and_one_record_per_member(
    member_client, staff_client, member, unclaimed_expert, own_expert, django_capture_on_commit_callbacks
):
    other = make_user("other@example.org", status=Membership.Status.ACTIVE)
    other_client = Client()
    other_client.force_login(other)
    other_client.post(claim_url(unclaimed_expert))
    # The fixed member already keeps a record: they may not claim another, even by a verified address.
    add_address(member, unclaimed_expert.email, verified=True)
    assert member_client.post(claim_url(unclaimed_expert)).status_code == 302
    assert Expert.objects.get(pk=unclaimed_expert.pk).user is None
    # Another member's claim of a record someone took meanwhile is left as it is, with a word to staff.
    Expert.objects.filter(pk=unclaimed_expert.pk).update(user=make_user("third@example.org"))
    with django_capture_on_commit_callbacks(execute=True):
        told = decide(staff_client, ExpertClaim, ExpertClaim.objects.all(), "accept_selected")
    assert ExpertClaim.objects.get(user=other).status == PENDING
    assert any("left unchanged" in message for message in told)
    assert mail.outbox == []


def test_a_second_claim_waits_behind_the_first_and_can_be_withdrawn(client, member, unclaimed_expert):
    second = Expert.objects.create(family_name_en="Takahashi", given_name_en="Kenji")
    client.force_login(member)
    client.post(claim_url(unclaimed_expert))
    client.post(claim_url(second))
    assert list(ExpertClaim.objects.values_list("expert", "status")) == [(unclaimed_expert.pk, PENDING)]

    client.post(reverse("members:expert_withdraw"))

    assert ExpertClaim.objects.get().status == WITHDRAWN
    client.post(claim_url(second))
    assert ExpertClaim.objects.filter(status=PENDING).get().expert == second


def request_data(**changes):
    specialty, _ = Specialty.objects.get_or_create(code="conservation", defaults={"name_en": "Conservation"})
    data = {
        "family_name": "田中",
        "given_name": "美咲",
        "family_name_kana": "たなか",
        "given_name_kana": "みさき",
        "family_name_en": "Tanaka",
        "given_name_en": "Misaki",
        "organization_name": "東京芸術大学",
        "department": "文化財保存学専攻",
        "position_ja": "准教授",
        "position_en": "Associate Professor",
        "specialties": [specialty.pk],
        "countries": ["KH", "MN"],
        "message": "壁画の保存修復が専門です。",
    }
    data.update(changes)
    return data


def test_a_member_asks_for_a_record_and_staff_approve_it_with_the_visibility_they_chose(
    member_client, staff_client, staff, member, django_capture_on_commit_callbacks
):
    assert member_client.get(reverse("members:expert")).context["may_ask"] is True
    assert member_client.post(reverse("members:expert_request"), request_data()).status_code == 302
    record_request = ExpertRecordRequest.objects.get()
    assert (record_request.user, record_request.status) == (member, PENDING)
    record_request.visibility = Visibility.STAFF
    record_request.save()

    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, ExpertRecordRequest, [record_request], "approve_selected")

    expert = Expert.objects.get(user=member)
    assert (expert.family_name, expert.given_name_en, expert.position_ja) == ("田中", "Misaki", "准教授")
    assert expert.visibility == Visibility.STAFF
    assert set(expert.countries.values_list("code", flat=True)) == {"KH", "MN"}
    assert list(expert.specialties.values_list("code", flat=True)) == ["conservation"]
    record_request.refresh_from_db()
    assert (record_request.status, record_request.decided_by, record_request.expert) == (ACCEPTED, staff, expert)
    (message,) = mail.outbox
    assert message.to == [member.email] and "/ja/members/expert/edit/" in message.body
    # The member keeps the record now, whatever its visibility.
    assert member_client.get(reverse("members:expert_edit")).status_code == 200


def test_a_declined_request_makes_no_record(member_client, staff_client, member, django_capture_on_commit_callbacks):
    member_client.post(reverse("members:expert_request"), request_data())
    with django_capture_on_commit_callbacks(execute=True):
        decide(staff_client, ExpertRecordRequest, ExpertRecordRequest.objects.all(), "decline_selected")
    assert not Expert.objects.filter(user=member).exists()
    assert ExpertRecordRequest.objects.get().status == DECLINED
    assert len(mail.outbox) == 1


def test_a_request_without_a_family_name_is_refused_and_saves_nothing(client, member):
    client.force_login(member)
    with translation.override("en"):
        url = reverse("members:expert_request")
    response = client.post(url, request_data(family_name="", family_name_en=""))
    assert response.status_code == 200
    assert "Give the family name in kanji or in roman letters." in str(response.context["form"].errors)
    assert not ExpertRecordRequest.objects.exists()


def test_a_member_keeping_a_record_or_with_a_request_waiting_cannot_ask_again(client, member, own_expert):
    client.force_login(member)
    assert client.post(reverse("members:expert_request"), request_data()).status_code == 302
    assert not ExpertRecordRequest.objects.exists()
    other = make_user("other@example.org", status=Membership.Status.ACTIVE)
    client.force_login(other)
    client.post(reverse("members:expert_request"), request_data())
    client.post(reverse("members:expert_request"), request_data(family_name="別人"))
    assert ExpertRecordRequest.objects.filter(user=other).count() == 1


def test_staff_who_may_only_view_claims_cannot_decide_them(client, member, unclaimed_expert):
    from tests.admin_checks import sign_in_to_admin
    from tests.members.committee_helpers import staff_user

    viewer = staff_user("viewer@example.org", "experts.view_expertclaim", "experts.change_expertclaim")
    claim = ExpertClaim.objects.create(user=member, expert=unclaimed_expert)
    decide(sign_in_to_admin(client, viewer), ExpertClaim, [claim], "accept_selected")
    claim.refresh_from_db()
    assert claim.status == PENDING
    assert Expert.objects.get(pk=unclaimed_expert.pk).user is None


def test_the_admin_pages_of_claims_and_requests_open(staff_client, member, unclaimed_expert):
    claim = ExpertClaim.objects.create(user=member, expert=unclaimed_expert)
    record_request = ExpertRecordRequest.objects.create(user=member, family_name_en="Tanaka")
    record_request.countries.set([Country.objects.get(code="KH")])
    for url in [
        reverse("admin:experts_expertclaim_changelist"),
        reverse("admin:experts_expertclaim_change", args=[claim.pk]),
        reverse("admin:experts_expertrecordrequest_changelist"),
        reverse("admin:experts_expertrecordrequest_change", args=[record_request.pk]),
    ]:
        assert staff_client.get(url).status_code == 200, url
