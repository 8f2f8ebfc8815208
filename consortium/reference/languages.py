"""The ISO 639-1 languages, named in Japanese and English."""

import pycountry
from babel import Locale


def language_rows():
    """One dict per language with a two-letter ISO 639-1 code: code, name_ja, name_en (CLDR's names)."""
    ja = Locale("ja").languages
    en = Locale("en").languages
    codes = sorted(language.alpha_2 for language in pycountry.languages if hasattr(language, "alpha_2"))
    return [{"code": code, "name_ja": ja[code], "name_en": en[code]} for code in codes]
