"""Invented organisations of every kind, in Japan and in the countries where projects take place."""

from dataclasses import dataclass

from members.models import Organization

from .phrases import country_en

Kind = Organization.Kind

# Place-like words for Japanese names (kanji, roman letters). Combined with the
# patterns below they make invented names; any likeness to a real body is chance.
_PLACES = (
    ("東都", "Toto"), ("西京", "Saikyo"), ("北辰", "Hokushin"), ("南海", "Nankai"), ("瀬戸内", "Setouchi"),
    ("武蔵野", "Musashino"), ("若葉", "Wakaba"), ("桜川", "Sakuragawa"), ("青葉台", "Aobadai"), ("白鷺", "Shirasagi"),
    ("東雲", "Shinonome"), ("緑ヶ丘", "Midorigaoka"), ("朝霧", "Asagiri"), ("松風", "Matsukaze"), ("湖東", "Koto"),
    ("飛鳥野", "Asukano"), ("吉備野", "Kibino"), ("出雲崎", "Izumozaki"), ("筑紫野", "Chikushino"),
    ("信濃川", "Shinanogawa"),
    ("阿武隈", "Abukuma"), ("最上", "Mogami"), ("日向", "Hyuga"), ("常盤", "Tokiwa"), ("浪速", "Naniwa"),
    ("大和路", "Yamatoji"), ("近江野", "Omino"), ("紀伊", "Kii"), ("房総", "Boso"), ("湘南台", "Shonandai"),
)  # fmt: skip

# (kind, Japanese pattern, English pattern); {p}/{P} is the place, {c}/{C} the field.
_JAPANESE_PATTERNS = (
    (Kind.UNIVERSITY, "{p}大学", "{P} University"),
    (Kind.UNIVERSITY, "{p}{c}大学", "{P} University of {C}"),
    (Kind.UNIVERSITY, "{p}学院大学", "{P} Gakuin University"),
    (Kind.UNIVERSITY, "国際{p}大学", "{P} International University"),
    (Kind.RESEARCH_INSTITUTE, "{p}文化財研究所", "{P} Research Institute for Cultural Properties"),
    (Kind.RESEARCH_INSTITUTE, "{p}{c}研究センター", "{P} Research Centre for {C}"),
    (Kind.RESEARCH_INSTITUTE, "{p}埋蔵文化財センター", "{P} Centre for Archaeological Operations"),
    (Kind.PUBLIC_BODY, "{p}市教育委員会", "{P} City Board of Education"),
    (Kind.PUBLIC_BODY, "{p}歴史博物館", "{P} Museum of History"),
    (Kind.PUBLIC_BODY, "{p}文化財保護センター", "{P} Centre for the Protection of Cultural Properties"),
    (Kind.COOPERATION_AGENCY, "{p}国際協力センター", "{P} Centre for International Cooperation"),
    (Kind.NGO, "{p}文化遺産保護ネットワーク", "{P} Heritage Protection Network"),
    (Kind.NGO, "{p}遺跡を守る会", "Friends of {P} Archaeological Sites"),
    (Kind.FOUNDATION, "{p}文化財団", "{P} Cultural Foundation"),
    (Kind.FOUNDATION, "{p}{c}振興財団", "{P} Foundation for {C}"),
    (Kind.COMPANY, "株式会社{p}文化財修復", "{P} Conservation Works Co., Ltd."),
    (Kind.COMPANY, "{p}測量設計株式会社", "{P} Survey and Design Co., Ltd."),
    (Kind.OTHER, "{p}文化遺産協議会", "{P} Heritage Council"),
)
_FIELDS = (
    ("文化遺産", "Cultural Heritage"), ("芸術", "Fine Arts"), ("考古学", "Archaeology"),
    ("保存科学", "Conservation Science"), ("アジア研究", "Asian Studies"), ("文化交流", "Cultural Exchange"),
)  # fmt: skip

# Counterparts abroad; {n}/{N} is the country name.
_FOREIGN_PATTERNS = (
    (Kind.PUBLIC_BODY, "{n}文化遺産局", "Heritage Department of {N}"),
    (Kind.RESEARCH_INSTITUTE, "{n}国立考古学研究所", "National Institute of Archaeology of {N}"),
    (Kind.RESEARCH_INSTITUTE, "{n}文化遺産保存センター", "Centre for Heritage Conservation of {N}"),
    (Kind.UNIVERSITY, "{n}国立芸術遺産大学", "National University of Arts and Heritage of {N}"),
    (Kind.PUBLIC_BODY, "{n}国立博物館機構", "National Museums Board of {N}"),
    (Kind.NGO, "{n}遺産トラスト", "Heritage Trust of {N}"),
)


@dataclass(slots=True)
class OrgDraft:
    name_ja: str
    name_en: str
    kind: str
    country: str
    website: str
    pk: int = 0


_MINOR_WORDS = {"of", "for", "the", "and", "co.,", "ltd."}


def _website(prefix, english_pattern):
    """An address under example.org (reserved, so it cannot reach a real body): place or country, then initials."""
    words = english_pattern.replace("{P}", "").replace("{N}", "").replace("{C}", "").split()
    initials = "".join(word[0] for word in words if word.lower() not in _MINOR_WORDS).lower()
    return f"https://{prefix}-{initials}.example.org/"


def make_organizations(rng, reference, count, abroad):
    """Up to ``count`` Japanese organisations, one of each kind first, and counterparts in each country of ``abroad``.

    Returns (Japanese ones, dict country code -> organisations there).
    """
    candidates = []
    for kind, pattern_ja, pattern_en in _JAPANESE_PATTERNS:
        fields = _FIELDS if "{c}" in pattern_ja else (("", ""),)
        for place_ja, place_en in _PLACES:
            for field_ja, field_en in fields:
                name_ja = pattern_ja.format(p=place_ja, c=field_ja)
                name_en = pattern_en.format(P=place_en, C=field_en)
                website = _website(place_en.lower(), pattern_en.replace("{C}", field_en))
                candidates.append(OrgDraft(name_ja, name_en, kind, "JP", website))
    rng.shuffle(candidates)
    firsts = list({org.kind: org for org in reversed(candidates)}.values())
    japanese = (firsts + [org for org in candidates if org not in firsts])[:count]
    foreign = {}
    for code in abroad:
        country = reference.countries[code]
        patterns = rng.sample(_FOREIGN_PATTERNS, k=rng.randint(2, 4))
        foreign[code] = [
            OrgDraft(
                pattern_ja.format(n=country.name_ja),
                pattern_en.format(N=country_en(country)),
                kind,
                code,
                _website(code.lower(), pattern_en),
            )
            for kind, pattern_ja, pattern_en in patterns
        ]
    return japanese, foreign
