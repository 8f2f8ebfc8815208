"""The experts the admin tests build: the reference rows they point to, the experts, and their import header."""

from consortium.models import Country, Language
from experts.models import Expert, Specialty
from members.models import Organization
from projects.models import CooperationProject, Participation

HEADER = (
    "id,family_name,given_name,family_name_kana,given_name_kana,family_name_en,given_name_en,organization,"
    "department,position_ja,position_en,specialties,countries,languages,biography_ja,biography_en,email,phone,"
    "visibility"
)


def make_vocabulary():
    """The few reference rows the experts point to."""
    countries = [
        Country.objects.get_or_create(code=code, defaults={"alpha3": alpha3, "name_ja": ja, "name_en": en})[0]
        for code, alpha3, ja, en in [("KH", "KHM", "カンボジア", "Cambodia"), ("VN", "VNM", "ベトナム", "Viet Nam")]
    ]
    language, _ = Language.objects.get_or_create(code="en", defaults={"name_ja": "英語", "name_en": "English"})
    specialty, _ = Specialty.objects.get_or_create(
        code="archaeology", defaults={"name_ja": "考古学", "name_en": "Archaeology"}
    )
    organization = Organization.objects.create(name_ja="奈良大学", name_en="Nara University", kind="university")
    return {"countries": countries, "language": language, "specialty": specialty, "organization": organization}


def make_experts(count, vocabulary):
    start = Expert.objects.count()
    experts = Expert.objects.bulk_create(
        Expert(
            family_name="山田",
            given_name=f"太郎{start + n}",
            family_name_en="Yamada",
            given_name_en=f"Taro{start + n}",
            organization=vocabulary["organization"],
        )
        for n in range(count)
    )
    for expert in experts:
        expert.specialties.add(vocabulary["specialty"])
        expert.countries.add(*vocabulary["countries"])
        expert.languages.add(vocabulary["language"])
    return experts


def add_projects(expert, count):
    """``count`` projects ``expert`` took part in: the rows of the expert's change form."""
    for n in range(count):
        project = CooperationProject.objects.create(title_en=f"Project {n}", kind="research", start_year=2000 + n)
        Participation.objects.create(project=project, expert=expert)
