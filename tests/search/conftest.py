"""Records to search: a few experts, projects and sites in both languages, one of each staff-only.

Reference rows (countries, regions, specialties, languages, funders) are fetched
or created here, so that the tests do not depend on what the reference-data
migrations happen to load.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from consortium.models import Country, Language, Region
from consortium.visibility import Visibility
from experts.models import Expert, Specialty
from heritage.models import HeritageSite
from members.models import Organization
from projects.models import CooperationProject, Funder, Participation


def region(scheme, code, name_en):
    return Region.objects.get_or_create(scheme=scheme, code=code, defaults={"name_ja": name_en, "name_en": name_en})[0]


def country(code, alpha3, name_en, name_ja, *, unesco, subcommittee):
    obj, _created = Country.objects.get_or_create(
        code=code, defaults={"alpha3": alpha3, "name_en": name_en, "name_ja": name_ja}
    )
    obj.unesco_region = region(Region.Scheme.UNESCO, *unesco)
    obj.subcommittee_region = region(Region.Scheme.SUBCOMMITTEE, *subcommittee)
    obj.save()
    return obj


def specialty(code, name_en, name_ja):
    return Specialty.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_ja": name_ja})[0]


def language(code, name_en, name_ja):
    return Language.objects.get_or_create(code=code, defaults={"name_en": name_en, "name_ja": name_ja})[0]


def funder(code, name_en, name_ja):
    return Funder.objects.get_or_create(
        code=code, defaults={"name_en": name_en, "name_ja": name_ja, "kind": Funder.Kind.AGENCY}
    )[0]


@dataclass
class Records:
    oyamada: Expert
    yamada: Expert
    dupont: Expert
    hidden_expert: Expert
    bamiyan_project: CooperationProject
    djemila_project: CooperationProject
    hidden_project: CooperationProject
    bamiyan: HeritageSite
    djemila: HeritageSite
    local_site: HeritageSite


@pytest.fixture
def records(db):
    afghanistan = country(
        "AF", "AFG", "Afghanistan", "アフガニスタン",
        unesco=("asia-pacific", "Asia and the Pacific"), subcommittee=("west-asia", "West Asia"),
    )  # fmt: skip
    algeria = country(
        "DZ", "DZA", "Algeria", "アルジェリア",
        unesco=("arab-states", "Arab States"), subcommittee=("africa", "Africa"),
    )  # fmt: skip
    myanmar = country(
        "MM", "MMR", "Myanmar", "ミャンマー",
        unesco=("asia-pacific", "Asia and the Pacific"),
        subcommittee=("southeast-south-asia", "Southeast and South Asia"),
    )  # fmt: skip
    conservation = specialty("conservation-science", "Conservation science", "保存科学")
    archaeology = specialty("archaeology", "Archaeology", "考古学")
    burmese = language("my", "Burmese", "ビルマ語")
    french = language("fr", "French", "フランス語")
    jica = funder("jica", "Japan International Cooperation Agency", "国際協力機構")
    university = Organization.objects.create(
        name_en="Tokyo University of the Arts", name_ja="東京藝術大学", kind="university"
    )
    institute = Organization.objects.create(
        name_en="Nara National Research Institute", name_ja="奈良文化財研究所", kind="research_institute"
    )

    oyamada = Expert.objects.create(
        family_name="小山田", given_name="太郎", family_name_kana="オヤマダ", given_name_kana="タロウ",
        family_name_en="Oyamada", given_name_en="Taro", organization=university,
        biography_en="Conservation of mural paintings in Myanmar.",
    )  # fmt: skip
    oyamada.specialties.set([conservation])
    oyamada.countries.set([myanmar, afghanistan])
    oyamada.languages.set([burmese])
    yamada = Expert.objects.create(
        family_name="山田", given_name="花子", family_name_kana="やまだ", given_name_kana="はなこ",
        family_name_en="Yamada", given_name_en="Hanako", organization=institute,
        biography_en="Archaeological survey in Afghanistan.",
    )  # fmt: skip
    yamada.specialties.set([archaeology])
    yamada.countries.set([afghanistan])
    dupont = Expert.objects.create(
        family_name_en="Dupont", given_name_en="Jean", biography_en="Restoration of the Roman mosaics at Djémila.",
    )  # fmt: skip
    dupont.specialties.set([conservation, archaeology])
    dupont.countries.set([algeria])
    dupont.languages.set([french])
    hidden_expert = Expert.objects.create(
        family_name="秘匿", given_name="次郎", family_name_en="Hitoku", given_name_en="Jiro",
        biography_en="Conservation science.", visibility=Visibility.STAFF,
    )  # fmt: skip
    hidden_expert.specialties.set([conservation])
    hidden_expert.countries.set([myanmar])

    bamiyan = HeritageSite.objects.create(
        name_en="Cultural Landscape and Archaeological Remains of the Bamiyan Valley",
        name_ja="バーミヤン渓谷の文化的景観と古代遺跡群", whc_id=208, category="cultural",
        inscription_year=2003, in_danger=True,
    )  # fmt: skip
    bamiyan.countries.set([afghanistan])
    djemila = HeritageSite.objects.create(
        name_en="Djémila",
        name_fr="Djémila",
        name_ja="ジェミラ",
        whc_id=191,
        category="cultural",
        inscription_year=1982,
    )
    djemila.countries.set([algeria])
    local_site = HeritageSite.objects.create(name_en="Bagan murals", name_ja="バガンの壁画", category="cultural")
    local_site.countries.set([myanmar])

    bamiyan_project = CooperationProject.objects.create(
        title_en="Conservation of the Bamiyan Buddhas niches", title_ja="バーミヤン大仏龕の保存",
        kind="conservation", status="ongoing", start_year=2003,
    )  # fmt: skip
    bamiyan_project.sites.set([bamiyan])
    bamiyan_project.countries.set([afghanistan])
    bamiyan_project.funders.set([jica])
    djemila_project = CooperationProject.objects.create(
        title_en="Mosaic restorations at Djémila", kind="research", status="completed", start_year=2010, end_year=2014,
    )  # fmt: skip
    djemila_project.sites.set([djemila])
    djemila_project.countries.set([algeria])
    hidden_project = CooperationProject.objects.create(
        title_en="Confidential survey at Bamiyan", title_ja="非公開の調査", kind="research", status="planned",
        start_year=2025, visibility=Visibility.STAFF,
    )  # fmt: skip
    hidden_project.sites.set([bamiyan])
    hidden_project.countries.set([afghanistan])

    Participation.objects.create(project=bamiyan_project, expert=oyamada, role="leader")
    Participation.objects.create(project=bamiyan_project, expert=yamada, role="researcher")
    Participation.objects.create(project=djemila_project, expert=dupont, role="advisor")
    Participation.objects.create(project=hidden_project, expert=hidden_expert, role="leader")
    Participation.objects.create(project=hidden_project, expert=yamada, role="advisor")

    return Records(
        oyamada, yamada, dupont, hidden_expert, bamiyan_project, djemila_project, hidden_project, bamiyan, djemila,
        local_site,
    )  # fmt: skip


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client
