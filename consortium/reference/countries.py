"""Every ISO 3166-1 country and territory, named in Japanese and English, with its two regions."""

import pycountry
from babel import Locale

from . import regions

# CLDR's English names are written for narrow spaces ("St. Kitts & Nevis", "Congo - Kinshasa");
# ``english_name`` spells them out, and these take the short forms UNESCO and the UN use.
ENGLISH_NAMES = {
    "CD": "Democratic Republic of the Congo",
    "CG": "Republic of the Congo",
    "HK": "Hong Kong",
    "MM": "Myanmar",
    "MO": "Macao",
    "PS": "Palestine",
    "UM": "United States Minor Outlying Islands",
    "VC": "Saint Vincent and the Grenadines",
}

# CLDR's Japanese names of these carry a disambiguation ("コンゴ共和国(ブラザビル)") or the full
# administrative name; these are the names the Ministry of Foreign Affairs uses.
JAPANESE_NAMES = {
    "CD": "コンゴ民主共和国",
    "CG": "コンゴ共和国",
    "HK": "香港",
    "MM": "ミャンマー",
    "MO": "マカオ",
    "PS": "パレスチナ",
}


def english_name(code, cldr_names):
    if code in ENGLISH_NAMES:
        return ENGLISH_NAMES[code]
    # A plain apostrophe, so that "Cote d'Ivoire" typed on any keyboard matches.
    name = cldr_names[code].replace(" & ", " and ").replace("’", "'")
    return name.replace("St. ", "Saint ", 1) if name.startswith("St. ") else name


def country_rows():
    """One dict per ISO 3166-1 country: code, alpha3, name_ja, name_en and the two region codes."""
    ja = Locale("ja").territories
    en = Locale("en").territories
    return [
        {
            "code": country.alpha_2,
            "alpha3": country.alpha_3,
            "name_ja": JAPANESE_NAMES.get(country.alpha_2, ja[country.alpha_2]),
            "name_en": english_name(country.alpha_2, en),
            "unesco_region": regions.unesco_region(country.alpha_2),
            "subcommittee_region": regions.subcommittee_region(country.alpha_2),
        }
        for country in sorted(pycountry.countries, key=lambda country: country.alpha_2)
    ]
