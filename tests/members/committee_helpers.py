"""Helpers of the committee tests: staff with given permissions, a meeting with a file."""

from datetime import date

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.auth.models import Permission
from django.core.files.base import ContentFile

from members.models import Meeting, MeetingFile
from tests.conftest import make_user


def staff_user(email, *permissions, second_factor=True):
    user = make_user(email, is_staff=True)
    user.user_permissions.set(
        Permission.objects.get(content_type__app_label=app, codename=codename)
        for app, codename in (p.split(".") for p in permissions)
    )
    if second_factor:
        TOTP.activate(user, generate_totp_secret())
    return user


def meeting_for(committee, audience, held_on="2026-05-12"):
    meeting = Meeting.objects.create(
        committee=committee,
        held_on=date.fromisoformat(held_on),
        audience=audience,
        title_en=f"Meeting for {audience}",
        agenda_en=f"AGENDA-{audience.upper()}",
        minutes_ja=f"議事録-{audience}",
    )
    MeetingFile.objects.create(
        meeting=meeting, title_en=f"Paper for {audience}", file=ContentFile(b"%PDF-1.4 paper", name="paper.pdf")
    )
    return meeting
