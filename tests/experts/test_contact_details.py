"""Views of experts' contact details: recorded (who, whose, when), limited per member per day across
sessions and processes; over the limit the page shows the record without them, and says why. Staff are
not limited."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from consortium.daily_limits import day_start
from experts.contact_details import open_contact_details
from experts.models import ContactView, Expert
from members.models import Membership
from tests.conftest import make_user

LIMIT_MESSAGE = "the most one member may see in a day"


def make_experts(count, **fields):
    return [
        Expert.objects.create(
            family_name_en=f"Contact{number}",
            email=f"expert{number}@example.ac.jp",
            phone=f"+81 75 000 {number:04}",
            **fields,
        )  # fmt: skip
        for number in range(count)
    ]


def page_of(client, expert):
    with override("en"):
        response = client.get(reverse("experts:detail", args=[expert.pk]))
    assert response.status_code == 200
    return response.text


def test_a_members_view_of_contact_details_is_recorded(client, member):
    expert = make_experts(1)[0]
    client.force_login(member)
    before = timezone.now()
    page = page_of(client, expert)
    assert expert.email in page and expert.phone in page
    view = ContactView.objects.get()
    assert (view.viewer, view.viewer_email, view.expert) == (member, member.email, expert)
    assert view.expert_name == "Contact0"
    assert before <= view.viewed_at <= timezone.now()


def test_over_the_limit_the_record_shows_without_contact_details(client, member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 2
    first, second, third = make_experts(3)
    client.force_login(member)
    page_of(client, first)
    page_of(client, second)
    page = page_of(client, third)
    assert "Contact2" in page  # the record itself
    assert third.email not in page and third.phone not in page
    assert LIMIT_MESSAGE in page
    assert ContactView.objects.filter(expert=third).count() == 0
    # An expert already seen today is seen again, at no further cost.
    assert first.email in page_of(client, first)
    assert ContactView.objects.filter(expert=first).count() == 2


def test_the_limit_holds_across_two_sessions_of_one_member(member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 2
    experts = make_experts(3)
    laptop, phone = Client(), Client()
    laptop.force_login(member)
    phone.force_login(member)
    page_of(laptop, experts[0])
    page_of(phone, experts[1])
    assert experts[2].email not in page_of(laptop, experts[2])
    assert experts[2].email not in page_of(phone, experts[2])


def test_the_limit_is_per_member_and_per_day(member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 1
    first, second = make_experts(2)
    other = make_user("other@example.org", status=Membership.Status.ACTIVE)
    yesterday = day_start() - timedelta(minutes=1)
    assert open_contact_details(member, first, now=yesterday).shown
    assert open_contact_details(member, second).shown  # a new day
    assert not open_contact_details(member, first).shown
    assert open_contact_details(other, first).shown  # another member's count is their own


def test_staff_are_not_limited_and_still_recorded(staff_client, staff, settings):
    settings.CONTACT_VIEWS_PER_DAY = 1
    experts = make_experts(3)
    for expert in experts:
        assert expert.email in page_of(staff_client, expert)
    assert ContactView.objects.filter(viewer=staff).count() == 3


def test_a_members_own_record_is_neither_counted_nor_recorded(client, member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 0
    own = make_experts(1)[0]
    Expert.objects.filter(pk=own.pk).update(user=member)
    client.force_login(member)
    assert own.email in page_of(client, Expert.objects.get(pk=own.pk))
    assert not ContactView.objects.exists()


def test_a_record_without_contact_details_costs_nothing(client, member, settings):
    settings.CONTACT_VIEWS_PER_DAY = 1
    bare = Expert.objects.create(family_name_en="Nocontact")
    client.force_login(member)
    assert LIMIT_MESSAGE not in page_of(client, bare)
    assert not ContactView.objects.exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_limit_holds_when_many_processes_ask_at_once(settings):
    """Each thread has its own database connection, as each gunicorn worker has: the count is the database's."""
    settings.CONTACT_VIEWS_PER_DAY = 3
    member = make_user("busy.member@example.org", status=Membership.Status.ACTIVE)
    experts = make_experts(8)
    start = threading.Barrier(len(experts))
    shown = []

    def look(expert):
        try:
            start.wait()
            shown.append(open_contact_details(member, expert).shown)
        finally:
            connection.close()

    threads = [threading.Thread(target=look, args=[expert]) for expert in experts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(shown) == [False] * 5 + [True] * 3
    assert ContactView.objects.values("expert").distinct().count() == 3
