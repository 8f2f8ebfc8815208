"""Demo member organisations: a university and a research institute, each with its representative,
colleagues on committees and one open invitation.

Called by ``seed_demo`` as ``seed(rng, stdout)``. Records are keyed by name and address, so running it
again updates them instead of adding copies. The representatives are demo accounts
(consortium.demo.accounts), which get their password from ``seed_demo --demo-users``; the colleagues
cannot sign in.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from consortium.link_secrets import digest, new_secret
from consortium.models import Country
from members.invitations import INVITATION_MAX_AGE
from members.models import Committee, CommitteeSeat, Invitation, Membership, Organization, User

# (names, kind, web site, representative, colleagues, open invitation); a person is
# (e-mail, family name, given name, committee codes).
ORGANISATIONS = (
    (
        ("東都芸術大学", "Toto University of the Arts"),
        Organization.Kind.UNIVERSITY,
        "https://toto-arts.example.org/",
        ("demo-representative@example.org", "Kobayashi", "Akiko", ["planning"]),
        [
            ("m.hayashi@toto-arts.example.org", "Hayashi", "Makoto", ["west-asia"]),
            ("y.ogawa@toto-arts.example.org", "Ogawa", "Yui", ["southeast-south-asia"]),
        ],
        "k.inoue@toto-arts.example.org",
    ),
    (
        ("瀬戸内文化財研究所", "Setouchi Research Institute for Cultural Properties"),
        Organization.Kind.RESEARCH_INSTITUTE,
        "https://setouchi-bunkazai.example.org/",
        ("demo-representative-institute@example.org", "Nishimura", "Takeshi", []),
        [
            ("s.fujita@setouchi-bunkazai.example.org", "Fujita", "Sayaka", ["east-central-asia"]),
            ("r.matsuda@setouchi-bunkazai.example.org", "Matsuda", "Ryo", []),
            ("a.kondo@setouchi-bunkazai.example.org", "Kondo", "Aya", ["east-central-asia", "europe"]),
        ],
        "h.ishii@setouchi-bunkazai.example.org",
    ),
)


def _person(email, family_name, given_name):
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=None, first_name=given_name, last_name=family_name)
    else:
        user.first_name, user.last_name = given_name, family_name
        user.save(update_fields=["first_name", "last_name"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _member_of(organisation, person, *, decided_by, decided_at):
    email, family_name, given_name, committee_codes = person
    user = _person(email, family_name, given_name)
    Membership.objects.update_or_create(
        user=user,
        defaults={
            "kind": Membership.Kind.ORGANISATIONAL,
            "organization": organisation,
            "status": Membership.Status.ACTIVE,
            "decided_by": decided_by,
            "decided_at": decided_at,
        },
    )
    for committee in Committee.objects.filter(code__in=committee_codes):
        CommitteeSeat.objects.get_or_create(committee=committee, user=user)
    return user


@transaction.atomic
def seed(rng, stdout):
    now = timezone.now()
    japan = Country.objects.filter(code="JP").first()
    for (name_ja, name_en), kind, website, representative, colleagues, invited in ORGANISATIONS:
        organisation, _created = Organization.objects.update_or_create(
            name_en=name_en,
            defaults={"name_ja": name_ja, "kind": kind, "country": japan, "website": website, "in_directory": True},
        )
        joined = now - timedelta(days=rng.randint(400, 1500))
        head = _member_of(organisation, representative, decided_by=None, decided_at=joined)
        organisation.representative = head
        organisation.save(update_fields=["representative"])
        for colleague in colleagues:
            _member_of(organisation, colleague, decided_by=head, decided_at=now - timedelta(days=rng.randint(10, 300)))
        if not Invitation.objects.pending().filter(organization=organisation, email__iexact=invited).exists():
            # The secret is not kept: the demo invitation is there to be seen and revoked, not accepted.
            Invitation.objects.create(
                organization=organisation,
                email=invited,
                invited_by=head,
                token_hash=digest(new_secret()),
                expires_at=now + INVITATION_MAX_AGE,
            )
