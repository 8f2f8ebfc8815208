import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from experts.models import Expert


def current_totp_code(secret):
    """The code an authenticator app shows now for ``secret``."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


@pytest.fixture
def member_expert(member):
    return Expert.objects.create(
        family_name="鈴木",
        given_name="花子",
        family_name_en="Suzuki",
        given_name_en="Hanako",
        email="hanako.suzuki@example.ac.jp",
        phone="+81 3 1234 5678",
        user=member,
    )
