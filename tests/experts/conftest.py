"""Experts who keep their own records: a record for the fixed member, and their verified addresses."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from consortium.visibility import Visibility
from experts.models import Expert


def add_address(user, email, *, verified):
    return EmailAddress.objects.create(user=user, email=email, verified=verified, primary=False)


@pytest.fixture
def own_expert(member):
    """The fixed member's own record."""
    return Expert.objects.create(
        family_name="鈴木",
        given_name="花子",
        family_name_kana="すずき",
        given_name_kana="はなこ",
        family_name_en="Suzuki",
        given_name_en="Hanako",
        email="hanako.suzuki@example.ac.jp",
        phone="+81 3 1234 5678",
        user=member,
    )


@pytest.fixture
def unclaimed_expert(db):
    """A record no member keeps, which members see, with an address nobody has verified yet."""
    return Expert.objects.create(
        family_name="高橋",
        given_name="健",
        family_name_en="Takahashi",
        given_name_en="Ken",
        email="ken.takahashi@example.ac.jp",
        visibility=Visibility.MEMBERS,
    )


@pytest.fixture
def member_client(member):
    """A browser of its own signed in as the fixed member, beside ``staff_client`` (which is ``client``)."""
    browser = Client()
    browser.force_login(member)
    return browser
