"""The UN M49 geographic regions, as the Unicode CLDR publishes them.

Copied from CLDR's supplemental data (``supplementalData.xml``,
``<territoryContainment>``), which follows the UN Statistics Division's
"Standard country or area codes for statistical use" (M49) and adds the few
territories M49 leaves out (Taiwan, Kosovo) and "Outlying Oceania". Babel
ships CLDR's names but not this table, hence the copy: sub-region code, its
members by ISO 3166-1 alpha-2 code (CLDR also lists a few codes outside ISO
3166-1, such as EA, IC and XK, which no Country row uses).
"""

CONTINENTS = {
    "002": ("015", "011", "017", "014", "018"),  # Africa
    "019": ("021", "013", "029", "005"),  # Americas
    "142": ("145", "143", "030", "034", "035"),  # Asia
    "150": ("154", "155", "151", "039"),  # Europe
    "009": ("053", "054", "057", "061", "QO"),  # Oceania
}

SUBREGIONS = {
    # Africa
    "015": "DZ EA EG EH IC LY MA SD TN",  # Northern Africa
    "011": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",  # Western Africa
    "017": "AO CD CF CG CM GA GQ ST TD",  # Middle Africa
    "014": "BI DJ ER ET IO KE KM MG MU MW MZ RE RW SC SO SS TF TZ UG YT ZM ZW",  # Eastern Africa
    "018": "BW LS NA SZ ZA",  # Southern Africa
    # Americas
    "021": "BM CA GL PM US",  # Northern America
    "013": "BZ CR GT HN MX NI PA SV",  # Central America
    "029": "AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI",  # Caribbean
    "005": "AR BO BR BV CL CO EC FK GF GS GY PE PY SR UY VE",  # South America
    # Asia
    "145": "AE AM AZ BH CY GE IL IQ JO KW LB OM PS QA SA SY TR YE",  # Western Asia
    "143": "KG KZ TJ TM UZ",  # Central Asia
    "030": "CN HK JP KP KR MN MO TW",  # Eastern Asia
    "034": "AF BD BT IN IR LK MV NP PK",  # Southern Asia
    "035": "BN ID KH LA MM MY PH SG TH TL VN",  # South-Eastern Asia
    # Europe
    "154": "AX CQ DK EE FI FO GB GG IE IM IS JE LT LV NO SE SJ",  # Northern Europe
    "155": "AT BE CH DE FR LI LU MC NL",  # Western Europe
    "151": "BG BY CZ HU MD PL RO RU SK UA",  # Eastern Europe
    "039": "AD AL BA ES GI GR HR IT ME MK MT PT RS SI SM VA XK",  # Southern Europe
    # Oceania
    "053": "AU CC CX HM NF NZ",  # Australia and New Zealand
    "054": "FJ NC PG SB VU",  # Melanesia
    "057": "FM GU KI MH MP NR PW UM",  # Micronesia
    "061": "AS CK NU PF PN TK TO TV WF WS",  # Polynesia
    "QO": "AC AQ CP DG TA",  # Outlying Oceania
}


def codes(text):
    """The set of space-separated codes in ``text``: tables of codes read best as one string."""
    return frozenset(text.split())


# CLDR's "UN" grouping: the 193 member states of the United Nations.
UN_MEMBER_STATES = codes(
    "AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH "
    "CI CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN "
    "GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC "
    "LI LK LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP "
    "NR NZ OM PA PE PG PH PK PL PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV "
    "SY SZ TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VC VE VN VU WS YE ZA ZM ZW"
)


def _index():
    continent_of = {sub: continent for continent, subs in CONTINENTS.items() for sub in subs}
    return {code: (continent_of[sub], sub) for sub, members in SUBREGIONS.items() for code in members.split()}


_PLACE = _index()


def place(code):
    """``(continent, sub-region)`` M49 codes of a territory: ``place("KH") == ("142", "035")``.

    ``(None, None)`` for a code the table does not hold.
    """
    return _PLACE.get(code, (None, None))
