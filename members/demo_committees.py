"""Demo committees: rosters on the planning committee and the six regional sub-committees, a year of their
meetings with agenda and minutes in both languages and an agenda file, and the consortium's general meetings.

Called by ``seed_demo`` as ``seed(rng, stdout)``. The committees themselves come with the migrations
(``consortium.reference.vocabularies.SUBCOMMITTEES``); the people on them are invented member accounts
that cannot sign in (no password). People are keyed by e-mail, seats by committee and person, meetings by
committee and title, so running it again updates them instead of adding copies; the dates follow today.
The demo account that sits on a committee (``DEMO_SEATS``) is seated by ``consortium.demo.accounts``.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from members.models import Committee, CommitteeSeat, Meeting, MeetingFile, Membership, Organization, User
from reports.samplepdf import make_pdf

# The committees seeded, as the migrations create them.
COMMITTEE_CODES = [
    "planning",
    "southeast-south-asia",
    "west-asia",
    "east-central-asia",
    "europe",
    "africa",
    "latin-america",
]
# (family name, given name): invented people; accounts hold one name, in roman letters, as the demo accounts do.
PEOPLE = [
    ("Okada", "Keiko"), ("Ishii", "Makoto"), ("Mori", "Yuki"),
    ("Shimizu", "Hiroshi"), ("Yamaguchi", "Naomi"), ("Ikeda", "Tsuyoshi"),
    ("Hashimoto", "Akiko"), ("Abe", "Osamu"), ("Maeda", "Satoko"),
    ("Fujita", "Manabu"), ("Goto", "Chihiro"), ("Hasegawa", "Ryo"),
    ("Murakami", "Kaori"), ("Kondo", "Tetsuya"), ("Sakamoto", "Mai"),
    ("Endo", "Takayuki"), ("Aoki", "Yuko"), ("Nishimura", "Daiki"),
]  # fmt: skip
SEATS_PER_COMMITTEE = 4
DEMO_SEATS = {"demo-committee@example.org": "southeast-south-asia"}

# (days from today, title_ja, title_en, audience): a year of each committee's meetings.
MEETINGS = [
    (-330, "第1回会合", "First meeting", Meeting.Audience.COMMITTEE),
    (-210, "第2回会合", "Second meeting", Meeting.Audience.MEMBERS),
    (-75, "第3回会合", "Third meeting", Meeting.Audience.COMMITTEE),
    (40, "第4回会合", "Fourth meeting", Meeting.Audience.COMMITTEE),
]
GENERAL_MEETINGS = [
    (-160, "定時総会", "Annual general meeting", Meeting.Audience.MEMBERS),
    (65, "臨時総会", "Extraordinary general meeting", Meeting.Audience.MEMBERS),
]
VENUES = [
    ("東京文化財研究所 会議室", "Meeting room, Tokyo National Research Institute for Cultural Properties"),
    ("オンライン(Zoom)", "Online (Zoom)"),
]


@transaction.atomic
def seed(rng, stdout):
    today = timezone.localdate()
    committees = list(Committee.objects.filter(code__in=COMMITTEE_CODES).select_related("region"))
    people = _people(rng)
    seats = 0
    for committee in committees:
        chosen = rng.sample(people, k=min(SEATS_PER_COMMITTEE, len(people)))
        # Another seed gives another roster, not a longer one; seats of anyone else are kept.
        CommitteeSeat.objects.filter(committee=committee, user__in=people).exclude(user__in=chosen).delete()
        roles = [CommitteeSeat.Role.CHAIR, CommitteeSeat.Role.VICE_CHAIR]
        for index, user in enumerate(chosen):
            role = roles[index] if index < len(roles) else CommitteeSeat.Role.MEMBER
            CommitteeSeat.objects.update_or_create(committee=committee, user=user, defaults={"role": role})
            seats += 1
        for days, title_ja, title_en, audience in MEETINGS:
            _meeting(rng, today + timedelta(days=days), committee, title_ja, title_en, audience)
    for days, title_ja, title_en, audience in GENERAL_MEETINGS:
        _meeting(rng, today + timedelta(days=days), None, title_ja, title_en, audience)
    stdout.write(
        f"Committees: {len(committees)} committees, {seats} seats, "
        f"{len(committees) * len(MEETINGS) + len(GENERAL_MEETINGS)} meetings."
    )


def _people(rng):
    organisations = list(Organization.objects.filter(country="JP").order_by("pk").values_list("pk", flat=True))
    people = []
    for family_en, given_en in PEOPLE:
        email = f"{given_en}.{family_en}.committee@example.org".lower()
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, first_name=given_en, last_name=family_en)
            user.set_unusable_password()
            user.save()
        organisation = rng.choice(organisations) if organisations else None
        Membership.objects.update_or_create(
            user=user,
            defaults={
                "status": Membership.Status.ACTIVE,
                "organization_id": organisation,
                "organization_name": "" if organisation else "文化遺産国際協力研究会",
                "news_opt_in": False,
            },
        )
        people.append(user)
    return people


def _texts(committee, held_on, today):
    """Agenda and minutes in both languages; minutes only once the meeting has been held."""
    where_ja = committee.region.name_ja if committee and committee.region_id else "各地域"
    where_en = committee.region.name_en if committee and committee.region_id else "each region"
    texts = {
        "agenda_ja": f"1. 開会\n2. {where_ja}における協力事業の報告\n3. 研究会・シンポジウムの企画\n4. その他",
        "agenda_en": (
            f"1. Opening\n2. Reports on cooperation projects in {where_en}\n"
            "3. Planning of seminars and the symposium\n4. Other business"
        ),
        "minutes_ja": "",
        "minutes_en": "",
    }
    if held_on < today:
        texts["minutes_ja"] = (
            f"{where_ja}で進行中の協力事業について各委員から報告があった。"
            "次回研究会のテーマを検討し、事務局が案をまとめることとした。"
        )
        texts["minutes_en"] = (
            f"Members reported on the cooperation projects under way in {where_en}. "
            "The theme of the next seminar was discussed; the secretariat will draft a proposal."
        )
    return texts


def _meeting(rng, held_on, committee, title_ja, title_en, audience):
    venue_ja, venue_en = rng.choice(VENUES)
    meeting, _created = Meeting.objects.update_or_create(
        committee=committee,
        kind=Meeting.Kind.COMMITTEE if committee else Meeting.Kind.GENERAL,
        title_en=title_en,
        defaults={
            "held_on": held_on,
            "title_ja": title_ja,
            "venue_ja": venue_ja,
            "venue_en": venue_en,
            "audience": audience,
            **_texts(committee, held_on, timezone.localdate()),
        },
    )
    if not meeting.files.exists():  # written once, like the demo reports' files
        pdf = make_pdf([[title_en, *meeting.agenda_en.splitlines()], [title_ja, *meeting.agenda_ja.splitlines()]])
        MeetingFile.objects.create(
            meeting=meeting,
            kind=MeetingFile.Kind.AGENDA,
            title_ja="議事次第・配付資料一覧",
            title_en="Order of business and list of papers",
            file=ContentFile(pdf, name="agenda.pdf"),
        )
    return meeting


def seat_demo_account(user):
    """Seat a demo account on its committee (``DEMO_SEATS``); nothing for the others."""
    code = DEMO_SEATS.get(user.email)
    committee = Committee.objects.filter(code=code).first() if code else None
    if committee is not None:
        CommitteeSeat.objects.get_or_create(committee=committee, user=user)
