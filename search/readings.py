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

A term in kanji is read too, at query time (``kanji_readings``): 山崎 finds, beside every record written
山崎, the people recorded without kanji (in kana or roman letters only) whose name reads Yamazaki. Only
those: a record written in kanji says which characters its name has, and 佐藤 is not 里 because both
read Sato. A dictionary gives one reading, where names often have two: the second kanji of a name may
be voiced or not (rendaku: 山崎 is Yamazaki or Yamasaki, 中島 Nakajima or Nakashima), so a term whose
whole reading is its kanji's own readings but for that voicing is read both ways. A reading nobody
bears (山田 as Yamata) finds nobody.
"""

import functools
import itertools
import re
import unicodedata

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


_JAPANESE_WORD = re.compile(r"^[\u3041-\u3096\u30a1-\u30fa\u30fc\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+$")
_JAPANESE_SCRIPT = re.compile(r"[\u3041-\u3096\u30a1-\u30fa\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANJI = re.compile(r"[\u3005\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MAX_KANJI_TERM = 20
"""The longest term in kanji that is read: a name, or a few words of a site's name."""
MAX_TERM_READINGS = 4
_VOICING_MARKS = "\u3099\u309a"


def _voiced_either_way(whole, kanji):
    """The hiragana ``whole`` (the reading of the word ``kanji``) with the first kana of each kanji but
    the first voiced and not, where ``whole`` is the kanji's own readings but for that voicing; else
    ``[whole]``. The dictionary's reading comes first."""
    own = [_reading_pieces(character) for character in kanji]
    if len(kanji) < 2 or not all(len(pieces) == 1 for pieces in own):
        return [whole]
    own = [pieces[0]["hira"] for pieces in own]
    if len("".join(own)) != len(whole) or _unvoiced("".join(own)) != _unvoiced(whole):
        return [whole]
    choices, start = [], 0
    for index, reading in enumerate(own):
        head, rest = whole[start], whole[start + 1 : start + len(reading)]
        plain = _unvoiced(head)
        voiced = unicodedata.normalize("NFC", plain + "\u3099")
        heads = [head] if index == 0 or len(voiced) != 1 else list(dict.fromkeys((head, plain, voiced)))
        choices.append([first + rest for first in heads])
        start += len(reading)
    return ["".join(combination) for combination in itertools.product(*choices)]


def _unvoiced(kana):
    decomposed = unicodedata.normalize("NFD", kana)
    return unicodedata.normalize("NFC", "".join(char for char in decomposed if char not in _VOICING_MARKS))


@functools.lru_cache(maxsize=4096)
def _reading_pieces(text):
    return tuple(_kakasi().convert(text))


def _words(hepburn):
    """The roman words of a piece of pykakasi's reading; None when it names a symbol it cannot read."""
    if "(" in hepburn:
        return None
    return re.findall(r"[a-z]+", hepburn.lower()) or None


@functools.lru_cache(maxsize=4096)
def kanji_readings(term):
    """The folded readings of a normalised query term written with kanji (and kana), for finding the
    records whose names are written without kanji (``search.matching.ReadAs``): at most
    MAX_TERM_READINGS, the dictionary's first; () when the term is not Japanese script with a kanji.

    One word (a name) is read as a whole, voiced either way where it may be (see the module's
    docstring); several (山崎花子, a site's name) word by word, and run together as a name is.
    """
    if len(term) > MAX_KANJI_TERM or not _JAPANESE_WORD.match(term) or not _KANJI.search(term):
        return ()
    pieces = _reading_pieces(variants.fold_variants(term))
    if len(pieces) == 1:
        hiragana = _voiced_either_way(pieces[0]["hira"], pieces[0]["orig"])
        spellings = [" ".join(_words(romanize(kana)) or ()) for kana in hiragana]
    else:
        words = [_words(piece["hepburn"]) for piece in pieces]
        if not all(words):
            return ()
        spellings = [" ".join(itertools.chain(*words)), "".join(itertools.chain(*words))]
    folded = (fold_romaji(spelling) for spelling in spellings if spelling)
    return tuple(dict.fromkeys(reading for reading in folded if len(reading) >= 2))[:MAX_TERM_READINGS]


MAX_PLACE_NAME = 400
"""The longest name of a place read: as long as a site's name field holds."""


def _japanese_phrase_reading(text):
    """The words of a Japanese name of a place, read by pykakasi's dictionary: each word, and each run of
    words not parted by a particle or a mark run together, as a name is typed in roman letters
    (屋久島: "yaku sima yakusima"; 法隆寺地域の仏教建造物: "horyuzi tiiki no bukkyo kenzobutu horyuzitiiki
    bukkyokenzobutu")."""
    words, runs, run = [], [], []

    def end_run():
        if len(run) > 1:
            runs.append("".join(run))
        run.clear()

    for piece in _reading_pieces(variants.fold_variants(text[:MAX_PLACE_NAME])):
        piece_words = _words(piece["hepburn"]) if _JAPANESE_SCRIPT.search(piece["orig"]) else None
        if not piece_words:
            end_run()
            continue
        words.extend(piece_words)
        if len(piece_words) > 1 or _KANA.match(piece["orig"]):
            # A particle (の, と), or a name parted by a mark inside one piece (プレア・ビヒア).
            end_run()
        else:
            run.append(piece_words[0])
    end_run()
    return " ".join(words + runs)


@functools.lru_cache(maxsize=4096)
def place_reading(*, name_ja="", name_en="", name_fr=""):
    """The folded roman readings of a place's names (a heritage site's), one per distinct reading: the
    Japanese name read word by word (``_japanese_phrase_reading``), the roman-letter names folded, so
    that "Horyuji", "Hōryū-ji", ほうりゅうじ and 法隆寺 meet."""
    readings = [
        fold_romaji(_japanese_phrase_reading(name_ja)) if name_ja else "",
        fold_romaji(name_en[:MAX_PLACE_NAME]),
        fold_romaji(name_fr[:MAX_PLACE_NAME]),
    ]
    return SEPARATOR.join(reading for reading in dict.fromkeys(readings) if reading)
