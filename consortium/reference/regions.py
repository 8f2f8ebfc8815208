"""The two regional groupings of countries the portal uses, and how a country falls into each.

UNESCO's five regions are the electoral groups of its Member States, which
follow geography except where the groups were drawn politically; the
consortium's regions are those of its regional sub-committees. Both are
derived here from the UN M49 geography (``m49``) plus the short lists of
exceptions below, so that the assignment of every country can be read and
checked in one place.
"""

from . import m49

# (code, Japanese, English): the English names are those UNESCO's World Heritage Centre uses.
UNESCO_REGIONS = (
    ("africa", "アフリカ", "Africa"),
    ("arab-states", "アラブ諸国", "Arab States"),
    ("asia-pacific", "アジア太平洋", "Asia and the Pacific"),
    ("europe-north-america", "ヨーロッパ・北米", "Europe and North America"),
    ("latin-america-caribbean", "ラテンアメリカ・カリブ", "Latin America and the Caribbean"),
)

# The consortium's regional sub-committees, with the names JCIC-Heritage gives them
# (東南アジア・南アジア分科会, 西アジア分科会, 東アジア・中央アジア分科会, 欧州分科会, アフリカ分科会,
# 中南米分科会). It has no sub-committee for Oceania or North America; their countries still get a
# region of their own, so that every country can be grouped, counted and filtered.
SUBCOMMITTEE_REGIONS = (
    ("southeast-south-asia", "東南アジア・南アジア", "Southeast and South Asia"),
    ("west-asia", "西アジア", "West Asia"),
    ("east-central-asia", "東アジア・中央アジア", "East and Central Asia"),
    ("europe", "欧州", "Europe"),
    ("africa", "アフリカ", "Africa"),
    ("latin-america", "中南米", "Latin America"),
    ("oceania", "オセアニア", "Oceania"),
    ("north-america", "北米", "North America"),
)

# UNESCO's regions group states: the UN's members; the Cook Islands, Niue and Palestine,
# UNESCO Member States outside the UN; and the Holy See, a State Party to the World
# Heritage Convention. Dependent territories, Taiwan and Antarctica belong to none of
# its groups and get no UNESCO region (null).
UNESCO_STATES = m49.UN_MEMBER_STATES | {"CK", "NU", "PS", "VA"}

# UNESCO's Arab States group, which cuts across Western Asia and Northern Africa.
# Djibouti, Somalia and the Comoros, although members of the Arab League, sit in UNESCO's Africa group.
UNESCO_ARAB_STATES = m49.codes("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE")

# Western Asian states that UNESCO groups with Europe and North America rather than with Asia and the Pacific.
UNESCO_EUROPE_IN_WESTERN_ASIA = m49.codes("AM AZ CY GE IL TR")

UNESCO_BY_CONTINENT = {
    "002": "africa",
    "142": "asia-pacific",
    "150": "europe-north-america",
    "009": "asia-pacific",
}

SUBCOMMITTEE_BY_SUBREGION = {
    **dict.fromkeys(("015", "011", "017", "014", "018"), "africa"),
    "021": "north-america",
    **dict.fromkeys(("013", "029", "005"), "latin-america"),
    "145": "west-asia",
    **dict.fromkeys(("143", "030"), "east-central-asia"),
    **dict.fromkeys(("034", "035"), "southeast-south-asia"),
    **dict.fromkeys(("154", "155", "151", "039"), "europe"),
    **dict.fromkeys(("053", "054", "057", "061"), "oceania"),
}

# Where the sub-committees' remit departs from M49 geography, as Japanese cooperation in
# the field draws it (and JICA's and the Foreign Ministry's regional desks): Afghanistan
# and Iran belong with West Asia, and so do Egypt and the Maghreb, which Japanese practice
# treats as part of the Middle East; Cyprus, a member of the European Union, with Europe.
SUBCOMMITTEE_EXCEPTIONS = {
    **dict.fromkeys(("AF", "IR", "DZ", "EG", "LY", "MA", "TN"), "west-asia"),
    "CY": "europe",
}


def unesco_region(code):
    """The code of the UNESCO region of the country ``code`` (ISO 3166-1 alpha-2), or None."""
    if code not in UNESCO_STATES:
        return None
    if code in UNESCO_ARAB_STATES:
        return "arab-states"
    if code in UNESCO_EUROPE_IN_WESTERN_ASIA:
        return "europe-north-america"
    continent, subregion = m49.place(code)
    if continent == "019":
        return "europe-north-america" if subregion == "021" else "latin-america-caribbean"
    return UNESCO_BY_CONTINENT.get(continent)


def subcommittee_region(code):
    """The code of the sub-committee region of the country or territory ``code``, or None (Antarctica)."""
    if code in SUBCOMMITTEE_EXCEPTIONS:
        return SUBCOMMITTEE_EXCEPTIONS[code]
    _continent, subregion = m49.place(code)
    return SUBCOMMITTEE_BY_SUBREGION.get(subregion)
