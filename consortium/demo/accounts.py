"""Sign-in accounts for trying the portal locally: staff in each role, active members (one on a committee),
an applicant and the representatives of two member organisations."""

import secrets

from allauth.account.models import EmailAddress
from django.db import transaction

from consortium.visibility import Visibility
from experts.models import Expert
from members.demo_committees import seat_demo_account
from members.models import Membership, User
from members.roles import ADMINISTRATOR, DATABASE_EDITOR, OUTREACH_EDITOR, SECRETARIAT, ensure_role_groups

# (e-mail, what the account shows, user fields, membership status or None)
DEMO_ACCOUNTS = (
    (
        "demo-staff@example.org",
        "administrator and superuser: the Django admin and every record",
        {"is_staff": True, "is_superuser": True},
        None,
    ),
    (
        "demo-secretariat@example.org",
        "staff, secretariat: applications, memberships, committees, representatives and member e-mail news",
        {"is_staff": True},
        None,
    ),
    (
        "demo-editor@example.org",
        "staff, database editor: experts, projects, sites, organisations and reports",
        {"is_staff": True},
        None,
    ),
    (
        "demo-outreach@example.org",
        "staff, outreach editor: news, events, pages, country profiles and activity forewords",
        {"is_staff": True},
        None,
    ),
    ("demo-member@example.org", "active member: the database, and an own expert record", {}, Membership.Status.ACTIVE),
    (
        "demo-committee@example.org",
        "active member on the Southeast and South Asia Sub-Committee: its roster, meeting papers and requests",
        {},
        Membership.Status.ACTIVE,
    ),
    ("demo-applicant@example.org", "applicant: membership not yet approved", {}, Membership.Status.APPLIED),
    # Their organisational memberships come with the demo data (members.demo_organisations).
    (
        "demo-representative@example.org",
        "representative of a member university: invites and removes its colleagues' accounts",
        {},
        None,
    ),
    (
        "demo-representative-institute@example.org",
        "representative of a member research institute",
        {},
        None,
    ),
)

# The staff role (members/roles.py) of each demo staff account. Like every staff account, they
# set up a second factor at their first visit to the admin.
DEMO_STAFF_ROLES = {
    "demo-staff@example.org": ADMINISTRATOR,
    "demo-secretariat@example.org": SECRETARIAT,
    "demo-editor@example.org": DATABASE_EDITOR,
    "demo-outreach@example.org": OUTREACH_EDITOR,
}


def ensure_demo_accounts():
    """Create the demo accounts, or reset them; all get one new random password, which is returned."""
    password = secrets.token_urlsafe(12)
    with transaction.atomic():
        groups = ensure_role_groups()
        for email, _, fields, status in DEMO_ACCOUNTS:
            user = User.objects.filter(email__iexact=email).first() or User(email=email)
            for name, value in fields.items():
                setattr(user, name, value)
            user.set_password(password)
            user.save()
            # Sign-in requires a verified address; these ones cannot receive mail.
            EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
            if email in DEMO_STAFF_ROLES:
                user.groups.set([groups[DEMO_STAFF_ROLES[email]]])
            if status is not None:
                Membership.objects.update_or_create(user=user, defaults={"status": status})
            if status == Membership.Status.ACTIVE:
                _give_expert_record(user)
                seat_demo_account(user)
    return password


def _give_expert_record(user):
    """Let the active member own an expert record, so editing one's own record can be tried."""
    if Expert.objects.filter(user=user).exists():
        return
    expert = Expert.objects.filter(user=None, visibility=Visibility.MEMBERS).order_by("pk").first()
    if expert is None:
        return
    expert.user = user
    expert.save(update_fields=["user"])
    user.first_name, user.last_name = expert.given_name_en, expert.family_name_en
    user.save(update_fields=["first_name", "last_name"])
