"""Readings of names in roman letters, so that a person is found in any script.

An expert recorded only as ヤマザキ / 山崎 is found by "Yamazaki", and one
recorded only as "Ōno" by "Ohno", "Oono" or おおの. Each expert stores the
reading of their name (``Expert.name_reading``): made when the record is
written, from the roman-letter fields and from the kana (or, without kana,
from the kanji, by pykakasi's dictionary), never at query time. The reading
is part of the search text (``search.columns``), so the indexes find it.

Roman spellings of Japanese differ (Hepburn with or without macrons, the
kunrei system, passport spellings), so readings are stored *folded*: one
spelling for each sound, and a query's roman or kana term is folded the same
way (``folded_term``) and looked for beside the term as typed
(``search.matching``):

- long vowels: ō, ô, ou, oo, oh (before a consonant) → o; ū, uu → u;
- shi/si, chi/ti, tsu/tu, fu/hu, ji/zi/di, sha/sya, cha/tya, ja/zya/jya …;
- n or m before b, m, p → n ("Shimbashi" and "Shinbashi"); cch → tch (まっちゃ);
- no apostrophes or hyphens between syllables ("Jun'ichi", "Jun-ichi").
"""

import functools
import re

from search import textnorm, variants

SEPARATOR = " | "

_SPELLINGS = [
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z])['’‘-](?=[a-z])", ""),
        (r"cch", "tch"),
        (r"shi", "si"),
        (r"sh(?=[aueo])", "sy"),
        (r"chi", "ti"),
        (r"ch(?=[aueo])", "ty"),
        (r"tsu", "tu"),
        (r"dzu", "zu"),
        (r"fu", "hu"),
        (r"jy(?=[aueo])", "zy"),
        (r"ji|di", "zi"),
        (r"j(?=[aueo])", "zy"),
        (r"m(?=[bmp])", "n"),
        (r"o(?:o|u|h(?![aiueoy]))+", "o"),
        (r"uu+", "u"),
    )
]


def fold_romaji(text):
    """Roman letters in one spelling per sound (see the module's docstring), normalised as search text is."""
    text = textnorm.normalize(text)
    for pattern, replacement in _SPELLINGS:
        text = pattern.sub(replacement, text)
    return text


MAX_READ = 200
"""The longest text read: more than a name field or a query holds (pykakasi takes seconds over pages)."""
_ROMAN = re.compile(r"^[A-Za-z'\- ]+$")


@functools.cache
def _kakasi():
    # Loading the dictionaries takes half a second: once per process, when a reading is first needed,
    # or when a gunicorn worker starts (``prepare``).
    import pykakasi

    return pykakasi.kakasi()


def prepare():
    """Load the reading dictionaries now, so that no request waits for them (gunicorn.conf.py)."""
    _kakasi()


@functools.lru_cache(maxsize=4096)
def romanize(text):
    """``text`` (kana, or kanji read by pykakasi's dictionary) in Hepburn roman letters, or "" when
    some of it has no reading there."""
    if not text or len(text) > MAX_READ:
        return ""
    pieces = [piece["hepburn"] for piece in _kakasi().convert(variants.fold_variants(text))]
    reading = "".join(pieces)
    # pykakasi names the symbols it cannot read, in parentheses ("(geta)" for 〓): no reading of a name.
    return reading if all(pieces) and _ROMAN.match(reading) else ""


def _reading(family, given):
    return fold_romaji(f"{family} {given}")


@functools.lru_cache(maxsize=65536)
def name_reading(*, family="", given="", family_kana="", given_kana="", family_en="", given_en=""):
    """The folded roman readings of a person's name, family name first, one per distinct reading.

    From the roman letters as recorded, and from the kana; from the kanji only when there is no kana
    (a dictionary's guess: 山崎 may be Yamasaki or Yamazaki, the kana say which).
    """
    readings = []
    if family_en or given_en:
        readings.append(_reading(family_en, given_en))
    # A name that cannot be read whole gives no reading rather than half of one.
    if family_kana or given_kana:
        family_reading, given_reading = romanize(family_kana), romanize(given_kana)
        if (family_reading or not family_kana) and (given_reading or not given_kana):
            readings.append(_reading(family_reading, given_reading))
    elif family or given:
        family_reading, given_reading = romanize(family), romanize(given)
        if (family_reading or not family) and (given_reading or not given):
            readings.append(_reading(family_reading, given_reading))
    readings = [reading for reading in dict.fromkeys(readings) if reading]
    return SEPARATOR.join(readings)


_KANA = re.compile(r"^[\u3041-\u3096\u30fc]+$")


def folded_term(term):
    """The reading to look for beside a normalised query term, or None when it adds nothing.

    A term in roman letters is folded as readings are; a term in kana (hiragana after
    normalisation) is romanised and folded, which finds the people recorded in roman letters
    only. Kanji have no reading here: which one a name has is for its record to say.
    """
    if term.isascii():
        folded = fold_romaji(term)
    elif _KANA.match(term):
        folded = fold_romaji(romanize(term))
    else:
        return None
    if folded == term or len(folded) < 3 or not folded.isascii():
        return None
    return folded
