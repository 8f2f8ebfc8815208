"""Where demo projects happen: real countries, and real heritage sites in them."""

from collections import defaultdict
from dataclasses import dataclass
from itertools import accumulate

from heritage.models import HeritageSite

# Countries where Japanese heritage cooperation has been most active, with a
# weight for how often a demo project is placed there.
FOCUS_COUNTRIES = {
    "KH": 12, "MM": 6, "VN": 6, "LA": 4, "TH": 4, "ID": 5, "PH": 3, "NP": 5, "LK": 4, "IN": 3,
    "PK": 2, "AF": 4, "UZ": 5, "KG": 3, "KZ": 2, "MN": 4, "CN": 3, "IR": 2, "IQ": 2, "SY": 3,
    "JO": 3, "LB": 2, "TR": 3, "EG": 6, "ET": 2, "ML": 1, "IT": 2, "PE": 6, "BO": 2, "GT": 3,
    "HN": 3, "MX": 2,
}  # fmt: skip


class Focus:
    """The focus countries the reference data knows, drawn by their weights."""

    def __init__(self, reference):
        self.codes = tuple(code for code in FOCUS_COUNTRIES if code in reference.countries)
        self.cumulative = tuple(accumulate(FOCUS_COUNTRIES[code] for code in self.codes))

    def pick(self, rng):
        return rng.choices(self.codes, cum_weights=self.cumulative)[0]

    def pick_some(self, rng, count):
        return rng.choices(self.codes, cum_weights=self.cumulative, k=count)


@dataclass(frozen=True)
class KnownSite:
    whc_id: int
    name_en: str
    name_ja: str
    countries: tuple
    inscribed: int
    category: str = HeritageSite.Category.CULTURAL


# World Heritage properties where such cooperation has taken place, with the
# Japanese names in common use. They give Japanese titles to projects at
# imported sites (UNESCO's list has no Japanese names), and they are the
# sites seed_demo records itself when nothing has been imported; they carry
# their World Heritage id, so a later import updates them in place.
KNOWN_SITES = (
    KnownSite(668, "Angkor", "アンコール遺跡群", ("KH",), 1992),
    KnownSite(1224, "Temple of Preah Vihear", "プレア・ビヒア寺院", ("KH",), 2008),
    KnownSite(
        1532,
        "Temple Zone of Sambor Prei Kuk, Archaeological Site of Ancient Ishanapura",
        "サンボー・プレイ・クック寺院地区",
        ("KH",),
        2017,
    ),
    KnownSite(
        208,
        "Cultural Landscape and Archaeological Remains of the Bamiyan Valley",
        "バーミヤン渓谷の文化的景観と古代遺跡群",
        ("AF",),
        2003,
    ),
    KnownSite(211, "Minaret and Archaeological Remains of Jam", "ジャームのミナレットと考古遺跡群", ("AF",), 2002),
    KnownSite(1588, "Bagan", "バガン", ("MM",), 2019),
    KnownSite(1444, "Pyu Ancient Cities", "ピュー古代都市群", ("MM",), 2014),
    KnownSite(592, "Borobudur Temple Compounds", "ボロブドゥール寺院遺跡群", ("ID",), 1991),
    KnownSite(642, "Prambanan Temple Compounds", "プランバナン寺院遺跡群", ("ID",), 1991),
    KnownSite(949, "My Son Sanctuary", "ミーソン聖域", ("VN",), 1999),
    KnownSite(948, "Hoi An Ancient Town", "ホイアンの古い町並み", ("VN",), 1999),
    KnownSite(678, "Complex of Hué Monuments", "フエの建造物群", ("VN",), 1993),
    KnownSite(
        1328,
        "Central Sector of the Imperial Citadel of Thang Long - Hanoi",
        "ハノイ・タンロン王城遺跡中心地区",
        ("VN",),
        2010,
    ),
    KnownSite(121, "Kathmandu Valley", "カトマンズの谷", ("NP",), 1979),
    KnownSite(666, "Lumbini, the Birthplace of the Lord Buddha", "仏陀の生誕地ルンビニ", ("NP",), 1997),
    KnownSite(479, "Town of Luang Prabang", "ルアン・パバンの町", ("LA",), 1995),
    KnownSite(
        481,
        "Vat Phou and Associated Ancient Settlements within the Champasak Cultural Landscape",
        "チャンパサック県の文化的景観にあるワット・プーと関連古代遺産群",
        ("LA",),
        2001,
    ),
    KnownSite(576, "Historic City of Ayutthaya", "古都アユタヤ", ("TH",), 1991),
    KnownSite(
        574,
        "Historic Town of Sukhothai and Associated Historic Towns",
        "古代都市スコータイと周辺の古代都市群",
        ("TH",),
        1991,
    ),
    KnownSite(
        722, "Rice Terraces of the Philippine Cordilleras", "フィリピン・コルディリェーラの棚田群", ("PH",), 1995
    ),
    KnownSite(502, "Historic City of Vigan", "ビガン歴史都市", ("PH",), 1999),
    KnownSite(200, "Sacred City of Anuradhapura", "聖地アヌラーダプラ", ("LK",), 1982),
    KnownSite(201, "Ancient City of Polonnaruwa", "古代都市ポロンナルワ", ("LK",), 1982),
    KnownSite(202, "Ancient City of Sigiriya", "古代都市シーギリヤ", ("LK",), 1982),
    KnownSite(242, "Ajanta Caves", "アジャンター石窟群", ("IN",), 1983),
    KnownSite(1056, "Mahabodhi Temple Complex at Bodh Gaya", "ブッダガヤの大菩提寺", ("IN",), 2002),
    KnownSite(139, "Taxila", "タキシラ", ("PK",), 1980),
    KnownSite(138, "Archaeological Ruins at Moenjodaro", "モヘンジョダロの遺跡群", ("PK",), 1980),
    KnownSite(603, "Samarkand – Crossroad of Cultures", "サマルカンド－文化交差路", ("UZ",), 2001),
    KnownSite(602, "Historic Centre of Bukhara", "ブハラ歴史地区", ("UZ",), 1993),
    KnownSite(543, "Itchan Kala", "イチャン・カラ", ("UZ",), 1990),
    KnownSite(
        1442,
        "Silk Roads: the Routes Network of Chang'an-Tianshan Corridor",
        "シルクロード：長安－天山回廊の交易路網",
        ("CN", "KZ", "KG"),
        2014,
    ),
    KnownSite(1081, "Orkhon Valley Cultural Landscape", "オルホン渓谷の文化的景観", ("MN",), 2004),
    KnownSite(440, "Mogao Caves", "莫高窟", ("CN",), 1987),
    KnownSite(1003, "Longmen Grottoes", "龍門石窟", ("CN",), 2000),
    KnownSite(114, "Persepolis", "ペルセポリス", ("IR",), 1979),
    KnownSite(1208, "Bam and its Cultural Landscape", "バムとその文化的景観", ("IR",), 2004),
    KnownSite(278, "Babylon", "バビロン", ("IQ",), 2019),
    KnownSite(23, "Site of Palmyra", "パルミラの遺跡", ("SY",), 1980),
    KnownSite(21, "Ancient City of Aleppo", "古代都市アレッポ", ("SY",), 1986),
    KnownSite(326, "Petra", "ペトラ", ("JO",), 1985),
    KnownSite(294, "Baalbek", "バールベック", ("LB",), 1984),
    KnownSite(1518, "Archaeological Site of Ani", "アニの考古遺跡", ("TR",), 2016),
    KnownSite(1018, "Ephesus", "エフェソス", ("TR",), 2015),
    KnownSite(
        86,
        "Memphis and its Necropolis – the Pyramid Fields from Giza to Dahshur",
        "メンフィスとその墓地遺跡－ギザからダハシュールまでのピラミッド地帯",
        ("EG",),
        1979,
    ),
    KnownSite(87, "Ancient Thebes with its Necropolis", "古代都市テーベとその墓地遺跡", ("EG",), 1979),
    KnownSite(
        88, "Nubian Monuments from Abu Simbel to Philae", "アブ・シンベルからフィラエまでのヌビア遺跡群", ("EG",), 1979
    ),
    KnownSite(18, "Rock-Hewn Churches, Lalibela", "ラリベラの岩窟教会群", ("ET",), 1978),
    KnownSite(119, "Timbuktu", "トンブクトゥ", ("ML",), 1988),
    KnownSite(
        829,
        "Archaeological Areas of Pompei, Herculaneum and Torre Annunziata",
        "ポンペイ、ヘルクラネウム及びトッレ・アヌンツィアータの遺跡地域",
        ("IT",),
        1997,
    ),
    KnownSite(
        274,
        "Historic Sanctuary of Machu Picchu",
        "マチュ・ピチュの歴史保護区",
        ("PE",),
        1983,
        HeritageSite.Category.MIXED,
    ),
    KnownSite(366, "Chan Chan Archaeological Zone", "チャン・チャン遺跡地帯", ("PE",), 1986),
    KnownSite(273, "City of Cuzco", "クスコ市街", ("PE",), 1983),
    KnownSite(700, "Lines and Geoglyphs of Nasca and Palpa", "ナスカとパルパの地上絵", ("PE",), 1994),
    KnownSite(
        567,
        "Tiwanaku: Spiritual and Political Centre of the Tiwanaku Culture",
        "ティワナク：ティワナク文化の宗教的・政治的中心地",
        ("BO",),
        2000,
    ),
    KnownSite(64, "Tikal National Park", "ティカル国立公園", ("GT",), 1979, HeritageSite.Category.MIXED),
    KnownSite(129, "Maya Site of Copan", "コパンのマヤ遺跡", ("HN",), 1980),
    KnownSite(414, "Pre-Hispanic City of Teotihuacan", "古代都市テオティワカン", ("MX",), 1987),
)
_JAPANESE_NAMES = {site.whc_id: site.name_ja for site in KNOWN_SITES}


@dataclass(frozen=True, slots=True)
class SitePlace:
    """A heritage site as a project needs it: its id, names for titles, and countries."""

    pk: int
    name_en: str
    name_ja: str
    countries: tuple
    known: bool  # a site of KNOWN_SITES: a project goes there more often


def ensure_sites(reference):
    """Record the known sites when the database has no heritage site at all; return how many were made."""
    if HeritageSite.objects.exists():
        return 0
    sites = [site for site in KNOWN_SITES if all(code in reference.countries for code in site.countries)]
    made = HeritageSite.objects.bulk_create(
        HeritageSite(
            whc_id=site.whc_id,
            name_en=site.name_en,
            name_ja=site.name_ja,
            category=site.category,
            inscription_year=site.inscribed,
            transboundary=len(site.countries) > 1,
        )
        for site in sites
    )
    Through = HeritageSite.countries.through
    Through.objects.bulk_create(
        Through(heritagesite_id=row.pk, country_id=reference.countries[code].pk)
        for row, site in zip(made, sites, strict=True)
        for code in site.countries
    )
    return len(made)


def sites_by_country():
    """Every cultural or mixed site with a name and a country, keyed by country code, in a stable order."""
    countries = defaultdict(list)
    for site_id, country_id in HeritageSite.countries.through.objects.values_list("heritagesite_id", "country_id"):
        countries[site_id].append(country_id.upper())
    by_country = defaultdict(list)
    # The consortium works on cultural heritage: natural sites are not where its projects go.
    rows = (
        HeritageSite.objects.exclude(name_en="", name_ja="")
        .exclude(category=HeritageSite.Category.NATURAL)
        .order_by("whc_id", "name_en", "pk")
    )
    for pk, whc_id, name_en, name_ja in rows.values_list("pk", "whc_id", "name_en", "name_ja"):
        codes = tuple(sorted(countries.get(pk, ())))
        if not codes:
            continue
        known_ja = _JAPANESE_NAMES.get(whc_id)
        place = SitePlace(pk, name_en or name_ja, name_ja or known_ja or "", codes, known_ja is not None)
        for code in codes:
            by_country[code].append(place)
    return dict(by_country)
