"""seed_demo: sizes, determinism, internal consistency, --if-empty, reference data, demo accounts, extra seeders."""

import re
from collections import defaultdict
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from consortium.demo.experts import POSITIONS
from consortium.demo.names import FAMILY_NAMES, GIVEN_NAMES
from consortium.demo.phrases import site_en
from consortium.demo.reference import load_reference
from experts.models import Expert, Specialty
from heritage.models import HeritageSite
from members.models import Membership, Organization, User
from projects.models import CooperationProject, Participation


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """The demo reports' PDF files go to a folder of the test's own."""
    settings.MEDIA_ROOT = tmp_path / "media"


KANA = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc]+$")
seeded_with = []


def seed(**options):
    out = StringIO()
    call_command("seed_demo", stdout=out, **{"experts": 50, "projects": 10, **options})
    return out.getvalue()


def clear():
    CooperationProject.objects.all().delete()
    Expert.objects.all().delete()
    Membership.objects.all().delete()  # the demo's member organisations (members.demo_organisations)
    Organization.objects.all().delete()


def snapshot():
    """Everything seeding decides, by content rather than database id."""
    experts = [
        (
            e.family_name,
            e.given_name,
            e.family_name_kana,
            e.given_name_kana,
            e.family_name_en,
            e.given_name_en,
            e.organization.name_en,
            e.position_en,
            e.email,
            e.phone,
            e.biography_ja,
            e.biography_en,
            e.visibility,
            sorted(c.code for c in e.countries.all()),
            sorted(s.code for s in e.specialties.all()),
            sorted(lang.code for lang in e.languages.all()),
        )
        for e in Expert.objects.order_by("pk")
        .select_related("organization")
        .prefetch_related("countries", "specialties", "languages")
    ]
    projects = [
        (
            p.title_ja,
            p.title_en,
            p.summary_ja,
            p.summary_en,
            p.kind,
            p.status,
            p.start_year,
            p.end_year,
            p.lead_organization.name_en,
            sorted(o.name_en for o in p.partners.all()),
            sorted(c.code for c in p.countries.all()),
            sorted(s.name_en for s in p.sites.all()),
            sorted(f.code for f in p.funders.all()),
            sorted((x.expert.email, x.role) for x in p.participations.all()),
        )
        for p in CooperationProject.objects.order_by("pk")
        .select_related("lead_organization")
        .prefetch_related("partners", "countries", "sites", "funders", "participations__expert")
    ]
    return experts, projects


@pytest.mark.django_db
def test_seeds_exactly_the_sizes_asked_for():
    seed(experts=37, projects=9)

    assert Expert.objects.count() == 37
    assert CooperationProject.objects.count() == 9


@pytest.mark.django_db
def test_same_seed_gives_the_same_data_and_another_seed_other_data():
    seed(seed=7)
    first = snapshot()
    clear()
    seed(seed=7)
    again = snapshot()
    clear()
    seed(seed=8)
    other = snapshot()

    assert again == first
    assert other[0] != first[0]
    assert other[1] != first[1]


@pytest.mark.django_db
def test_japanese_names_are_matching_kanji_kana_and_roman_triples():
    seed()

    japanese = Expert.objects.exclude(family_name="")
    assert japanese.exists()
    assert not Expert.objects.filter(family_name_en="").exists()
    for e in japanese:
        assert (e.family_name, e.family_name_kana, e.family_name_en) in FAMILY_NAMES
        assert (e.given_name, e.given_name_kana, e.given_name_en) in GIVEN_NAMES
        assert KANA.match(e.family_name_kana) and KANA.match(e.given_name_kana)
        assert (e.family_name_en + e.given_name_en).isascii()


@pytest.mark.django_db
def test_biographies_name_the_experts_specialties_and_countries():
    seed()

    for e in Expert.objects.prefetch_related("specialties", "countries"):
        for specialty in e.specialties.all():
            assert specialty.name_ja in e.biography_ja
            assert specialty.name_en.lower() in e.biography_en.lower()
        for country in e.countries.all()[:5]:
            assert country.name_ja in e.biography_ja
            assert country.name_en in e.biography_en


@pytest.mark.django_db
def test_languages_are_those_of_the_experts_countries():
    seed()
    reference = load_reference()

    speakers_of_local_languages = 0
    for e in Expert.objects.select_related("organization").prefetch_related("countries", "languages"):
        places = [e.organization.country_id, *(country.code for country in e.countries.all())]
        spoken_there = {code for place in places for code in reference.languages_of(place)}
        languages = {language.code for language in e.languages.all()}
        assert languages <= {"ja", "en"} | spoken_there
        speakers_of_local_languages += bool(languages - {"ja", "en"})
    assert speakers_of_local_languages


@pytest.mark.django_db
def test_project_years_and_status_agree():
    seed(projects=40)
    this_year = timezone.localdate().year

    for p in CooperationProject.objects.all():
        assert p.end_year is None or p.end_year >= p.start_year
        if p.start_year > this_year:
            assert p.status == CooperationProject.Status.PLANNED
        elif p.end_year is not None and p.end_year < this_year:
            assert p.status == CooperationProject.Status.COMPLETED
        else:
            assert p.status == CooperationProject.Status.ONGOING


@pytest.mark.django_db
def test_sites_lie_in_the_project_countries_and_teams_know_those_countries():
    seed(projects=30)

    project_countries = defaultdict(set)
    for project_id, code in CooperationProject.countries.through.objects.values_list(
        "cooperationproject_id", "country_id"
    ):
        project_countries[project_id].add(code)
    site_countries = defaultdict(set)
    for site_id, code in HeritageSite.countries.through.objects.values_list("heritagesite_id", "country_id"):
        site_countries[site_id].add(code)
    expert_countries = defaultdict(set)
    for expert_id, code in Expert.countries.through.objects.values_list("expert_id", "country_id"):
        expert_countries[expert_id].add(code)

    linked = CooperationProject.sites.through.objects.values_list("cooperationproject_id", "heritagesite_id")
    assert linked
    for project_id, site_id in linked:
        assert site_countries[site_id] <= project_countries[project_id]
    for project_id, expert_id in Participation.objects.values_list("project_id", "expert_id"):
        assert project_countries[project_id] <= expert_countries[expert_id]


@pytest.mark.django_db
def test_every_project_has_one_leader_and_a_team():
    seed()

    for project in CooperationProject.objects.prefetch_related("participations"):
        roles = [participation.role for participation in project.participations.all()]
        assert roles.count(Participation.Role.LEADER) == 1
        assert len(roles) >= 3


@pytest.mark.django_db
def test_uses_the_heritage_sites_already_in_the_database():
    angkor = HeritageSite.objects.create(whc_id=668, name_en="Angkor", category=HeritageSite.Category.CULTURAL)
    angkor.countries.add("KH")

    out = seed(projects=60)

    assert HeritageSite.objects.count() == 1
    assert "0 heritage sites recorded" in out
    at_angkor = CooperationProject.objects.filter(sites=angkor)
    assert at_angkor.exists()
    # UNESCO's list has no Japanese names: the known one gives the Japanese title.
    assert all("アンコール遺跡群" in title for title in at_angkor.values_list("title_ja", flat=True))


@pytest.mark.django_db
def test_organisations_of_every_kind_in_japan_and_abroad():
    seed()

    assert set(Organization.objects.values_list("kind", flat=True)) == set(Organization.Kind)
    assert Organization.objects.filter(country="JP").exists()
    assert Organization.objects.exclude(country="JP").exists()
    # Invented bodies get addresses under a reserved domain, so none can point at a real one.
    assert all(site.endswith(".example.org/") for site in Organization.objects.values_list("website", flat=True))
    assert all(mail.endswith(".example.org") for mail in Expert.objects.values_list("email", flat=True))


def test_every_kind_of_organisation_has_positions_for_its_experts():
    assert set(POSITIONS) == set(Organization.Kind)


@pytest.mark.parametrize(
    ("name", "in_a_sentence"),
    [
        ("Angkor", "Angkor"),
        ("Ancient City of Aleppo", "the Ancient City of Aleppo"),
        ("Ancient Thebes with its Necropolis", "Ancient Thebes with its Necropolis"),
        ("Ajanta Caves", "the Ajanta Caves"),
        ("Lumbini, the Birthplace of the Lord Buddha", "Lumbini, the Birthplace of the Lord Buddha"),
    ],
)
def test_english_titles_give_a_site_the_article_it_takes(name, in_a_sentence):
    assert site_en(name) == in_a_sentence


@pytest.mark.django_db
def test_if_empty_does_nothing_the_second_time():
    seed(if_empty=True)
    out = seed(if_empty=True, experts=20, seed=3)

    assert Expert.objects.count() == 50
    assert "already holds experts" in out


@pytest.mark.django_db
def test_missing_reference_data_stops_with_one_clear_message_and_writes_nothing():
    Specialty.objects.all().delete()

    with pytest.raises(CommandError, match=r"Reference data is missing \(specialties\).*migrate"):
        seed()
    assert not Organization.objects.exists()
    assert not Expert.objects.exists()


@pytest.mark.django_db
def test_unapplied_migrations_stop_it_with_one_clear_message(monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [("consortium.0099", False)])

    with pytest.raises(CommandError, match=r"lacks 1 migration.*run `python manage.py migrate` first"):
        seed()
    assert not Organization.objects.exists()


@pytest.mark.django_db
def test_demo_users_are_refused_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="DEBUG"):
        seed(demo_users=True)
    assert not User.objects.exists()


@pytest.mark.django_db
def test_demo_users_can_sign_in_with_the_printed_password(settings):
    settings.DEBUG = True

    out = seed(experts=5, projects=1, demo_users=True)

    password = re.search(r"password (\S+):", out).group(1)
    staff = authenticate(email="demo-staff@example.org", password=password)
    member = authenticate(email="demo-member@example.org", password=password)
    applicant = authenticate(email="demo-applicant@example.org", password=password)
    assert staff.is_staff
    assert member.membership.status == Membership.Status.ACTIVE
    assert member.expert.family_name_en == member.last_name
    assert applicant.membership.status == Membership.Status.APPLIED


@pytest.mark.django_db
def test_demo_staff_accounts_are_in_their_roles_and_printed_with_them(settings):
    settings.DEBUG = True

    seed(experts=0, projects=0, demo_users=True)
    out = seed(experts=0, projects=0, demo_users=True)  # resetting the accounts keeps one role each

    password = re.search(r"password (\S+):", out).group(1)
    for email, role in [
        ("demo-staff@example.org", "Administrator"),
        ("demo-secretariat@example.org", "Secretariat"),
        ("demo-editor@example.org", "Database editor"),
        ("demo-outreach@example.org", "Outreach editor"),
    ]:
        user = authenticate(email=email, password=password)
        assert user.is_staff
        assert user.is_superuser == (email == "demo-staff@example.org")
        assert list(user.groups.values_list("name", flat=True)) == [role]
        assert re.search(rf"{email}  \(.*{role.lower()}", out), email


def record_seed(rng, stdout):
    seeded_with.append(rng.random())
    stdout.write("extra seeder ran")


@pytest.mark.django_db
def test_extra_seeders_run_at_the_end_with_their_own_reproducible_random(monkeypatch):
    monkeypatch.setattr("consortium.demo.seeder.EXTRA_SEEDERS", (f"{__name__}.record_seed",))
    seeded_with.clear()

    out = seed(experts=5, projects=1)
    clear()
    seed(experts=5, projects=1)

    assert "extra seeder ran" in out
    assert len(seeded_with) == 2
    assert seeded_with[0] == seeded_with[1]
