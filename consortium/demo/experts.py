"""Invented experts: names, affiliation, position, specialties, field countries, languages, biography."""

from dataclasses import dataclass, field

from consortium.visibility import Visibility
from members.models import Organization

from .names import japanese_name
from .phrases import country_en, join_en, join_ja, lower_first

Kind = Organization.Kind

# (Japanese, English) positions by the kind of organisation.
POSITIONS = {
    Kind.UNIVERSITY: (("教授", "Professor"), ("准教授", "Associate Professor"), ("講師", "Lecturer"),
                      ("助教", "Assistant Professor"), ("特任研究員", "Project Researcher")),
    Kind.RESEARCH_INSTITUTE: (("主任研究員", "Senior Researcher"), ("研究員", "Researcher"),
                              ("室長", "Head of Section"), ("部長", "Director of Department")),
    Kind.PUBLIC_BODY: (("学芸員", "Curator"), ("文化財調査官", "Cultural Properties Specialist"),
                       ("主任学芸員", "Chief Curator"), ("課長", "Head of Division")),
    Kind.COOPERATION_AGENCY: (("専門員", "Specialist"), ("企画調査員", "Programme Officer"),
                              ("国際協力専門員", "Senior Advisor")),
    Kind.NGO: (("理事", "Board Member"), ("事務局長", "Secretary General"),
               ("プロジェクト・マネージャー", "Project Manager")),
    Kind.FOUNDATION: (("プログラム・オフィサー", "Programme Officer"), ("常務理事", "Executive Director")),
    Kind.COMPANY: (("主任技師", "Senior Engineer"), ("技術部長", "Chief Engineer"), ("修復技術者", "Conservator")),
    Kind.OTHER: (("委員", "Council Member"), ("事務局員", "Secretariat Officer")),
}  # fmt: skip
_DEPARTMENTS_JA = {
    Kind.UNIVERSITY: ("文学部考古学研究室", "大学院人間文化研究科", "工学部建築学科", "芸術学部保存修復専攻",
                      "国際文化学部", "総合博物館"),
    Kind.RESEARCH_INSTITUTE: ("保存科学研究室", "文化遺産国際協力センター", "都城発掘調査部", "無形文化遺産部",
                              "企画調整部"),
    Kind.PUBLIC_BODY: ("文化財課", "学芸課", "埋蔵文化財係"),
}  # fmt: skip
_DEPARTMENTS_EN = {
    Kind.UNIVERSITY: ("Department of Archaeology", "Faculty of Fine Arts", "School of Architecture",
                      "Institute of History"),
    Kind.RESEARCH_INSTITUTE: ("Conservation Laboratory", "Documentation Unit", "Excavation Division"),
    Kind.PUBLIC_BODY: ("Division of Monuments", "Museum Section"),
}  # fmt: skip


@dataclass(slots=True)
class ExpertDraft:
    name: object  # names.PersonName
    organization: object  # organizations.OrgDraft
    department: str
    position_ja: str
    position_en: str
    specialties: list
    countries: list  # ISO codes, field experience, in the order acquired
    visibility: str
    since: int
    languages: list = field(default_factory=list)
    pk: int = 0

    @property
    def japanese(self):
        return bool(self.name.family)

    def add_countries(self, codes):
        for code in codes:
            if code not in self.countries:
                self.countries.append(code)


def draft_expert(rng, reference, foreign_names, japanese_orgs, foreign_orgs, focus, this_year):
    """One expert, before projects add the countries they work in."""
    foreign = foreign_names and rng.random() < 0.15
    name = foreign_names.draw(rng) if foreign else japanese_name(rng)
    if foreign:
        home_orgs = foreign_orgs.get(name.home_country)
        organization = rng.choice(home_orgs) if home_orgs else rng.choice(japanese_orgs)
        countries = [name.home_country] if name.home_country in focus.codes else []
    else:
        organization = rng.choice(japanese_orgs)
        countries = []
    for code in focus.pick_some(rng, rng.choice((0, 1, 1, 2, 2, 3))):
        if code not in countries:
            countries.append(code)
    position_ja, position_en = rng.choice(POSITIONS[organization.kind])
    departments = (_DEPARTMENTS_EN if foreign else _DEPARTMENTS_JA).get(organization.kind, ("",))
    return ExpertDraft(
        name=name,
        organization=organization,
        department=rng.choice(departments),
        position_ja=position_ja,
        position_en=position_en,
        specialties=rng.sample(reference.specialties, k=min(len(reference.specialties), rng.choice((1, 2, 2, 3)))),
        countries=countries,
        visibility=Visibility.STAFF if rng.random() < 0.03 else Visibility.MEMBERS,
        since=this_year - rng.randint(2, 35),
    )


def settle_languages(rng, reference, expert):
    """Japanese and English as a rule, plus the languages of home and of some field countries."""
    codes = []
    if expert.japanese:
        codes.append("ja")
    else:
        codes.extend(reference.languages_of(expert.name.home_country))
    if expert.japanese or rng.random() < 0.9:
        codes.append("en")
    for index, country in enumerate(expert.countries):
        # Someone long in a country tends to speak its language; the first ones count most.
        if rng.random() < (0.6 if index < 2 else 0.2):
            codes.extend(reference.languages_of(country)[:1])
    if not expert.japanese and rng.random() < 0.1:
        codes.append("ja")
    expert.languages = list(dict.fromkeys(code for code in codes if code in reference.languages))


def biography(expert, reference, project_count):
    """Japanese and English biographies naming the expert's real specialties and countries."""
    name = expert.name
    org = expert.organization
    specialties_ja = join_ja([specialty.name_ja for specialty in expert.specialties])
    # Names such as "Law and policy" would blur an "a, b and c" list.
    specialties_en = "; ".join(lower_first(specialty.name_en) for specialty in expert.specialties)
    countries = [reference.countries[code] for code in expert.countries[:5]]
    more = len(expert.countries) > len(countries)
    full_ja = f"{name.family}{name.given}" if expert.japanese else f"{name.given_en} {name.family_en}"
    full_en = f"{name.given_en} {name.family_en}"
    ja = [
        f"{full_ja}は{specialties_ja}を専門とし、{expert.since}年から{org.name_ja}に所属、現在{expert.position_ja}。"
    ]
    en = [
        f"{full_en} has worked at {org.name_en} since {expert.since}, now as {expert.position_en}.",
        f"Fields of expertise: {specialties_en}.",
    ]
    if countries:
        places_ja = join_ja([country.name_ja for country in countries]) + ("など" if more else "")
        places_en = join_en([country_en(country) for country in countries] + (["elsewhere"] if more else []))
        ja.append(f"{places_ja}で現地調査と文化遺産保護の協力に携わってきた。")
        en.append(f"Field experience in {places_en}.")
    if project_count:
        ja.append(f"これまでに{project_count}件の国際協力事業に参加している。")
        en.append(
            f"Has taken part in {project_count} international cooperation project{'s' if project_count > 1 else ''}."
        )
    return "".join(ja), " ".join(en)
