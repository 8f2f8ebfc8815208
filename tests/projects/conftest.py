"""What the projects' tests share: a member's client, apart from the staff's (``staff_client``)."""

import pytest
from django.test import Client


@pytest.fixture
def member_client(member):
    client = Client()
    client.force_login(member)
    return client
