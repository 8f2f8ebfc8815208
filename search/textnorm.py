"""Text normalisation for search, in Python and in PostgreSQL alike.

A member types a name in whatever form comes to hand: ＹＡＭＡＤＡ, ﾔﾏﾀﾞ,
ヤマダ, やまだ, Djémila or Djemila. Both the stored text and the query go
through the same steps, so that all of these meet:

1. NFKC: full-width letters and digits become ASCII, half-width katakana
   become full-width, compatibility characters (㍻, ①) are spelled out;
   variant kanji take their common form (髙 → 高, 﨑 → 崎: ``search.variants``);
2. accents are removed (PostgreSQL's ``unaccent``);
3. lower case;
4. katakana become hiragana;
5. the long-vowel mark after a kana becomes the vowel a hiragana spelling
   would write (サトー → さとう, ジョージ → じょうじ).

The stored side is the immutable SQL function ``search_normalize(text)``
(``NORMALIZE_FUNCTION``, created by the search app's migrations); the query
side passes every term through that same function inside the query, so the
database applies one definition to both. ``normalize`` below is its Python
twin, used to split a query into terms and to find what to highlight; a test
keeps the two in step.

PostgreSQL's ``translate`` tests each character against every character it
replaces: over the variant kanji and their variation selectors (some 300)
and the katakana, it took three quarters of the function's time, some 3 µs a
character (a page of 1,000 characters: 3 ms). The function only translates a
text that holds a character to replace, which a regular expression tells
cheaply, and leaves the long-vowel rules to the texts that hold the mark:
the same result, in a quarter of the time.
"""

import re
import unicodedata

from search import variants

KATAKANA = "".join(chr(code) for code in range(0x30A1, 0x30F7))
HIRAGANA = "".join(chr(code - 0x60) for code in range(0x30A1, 0x30F7))
_TO_HIRAGANA = str.maketrans(KATAKANA, HIRAGANA)

LONG_VOWEL = "ー"
# Hiragana by the vowel they end in; "e" and "o" lengthen as い and う, as in
# the spelling of native words (せんせい, さとう).
VOWEL_ROWS = (
    ("あ", "あかさたなはまやらわがざだばぱぁゃゎ"),
    ("い", "いきしちにひみりぎじぢびぴぃ"),
    ("う", "うくすつぬふむゆるぐずづぶぷぅゅゔ"),
    ("い", "えけせてねへめれげぜでべぺぇ"),
    ("う", "おこそとのほもよろをごぞどぼぽぉょ"),
)
_LONG_VOWEL_RULES = [(re.compile(f"([{row}]){LONG_VOWEL}"), rf"\g<1>{vowel}") for vowel, row in VOWEL_ROWS]

# Letters unaccent spells out rather than strips (they do not decompose in Unicode).
_LIGATURES = str.maketrans(
    {
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "Ø": "O", "ø": "o", "Ł": "L", "ł": "l",
        "Đ": "D", "đ": "d", "Ð": "D", "ð": "d", "Þ": "TH", "þ": "th", "Ħ": "H", "ħ": "h", "ı": "i",
    }
)  # fmt: skip
_COMBINING_ACCENTS = re.compile("[\u0300-\u036f]")
_SPACES = re.compile(r"\s+")


def unaccent(text):
    """Latin, Greek and Cyrillic letters without their accents; kana keep their voicing marks."""
    decomposed = unicodedata.normalize("NFD", text.translate(_LIGATURES))
    return unicodedata.normalize("NFC", _COMBINING_ACCENTS.sub("", decomposed))


def fold_kana(text):
    """Katakana as hiragana, long-vowel marks spelled as the vowel."""
    text = text.translate(_TO_HIRAGANA)
    for pattern, replacement in _LONG_VOWEL_RULES:
        text = pattern.sub(replacement, text)
    return text


def normalize(text):
    """The Python twin of the SQL function ``search_normalize``."""
    text = variants.fold_variants(unicodedata.normalize("NFKC", text or ""))
    text = fold_kana(unaccent(text).lower())
    return _SPACES.sub(" ", text).strip()


def _sql_quote(text):
    return "'" + text.replace("'", "''") + "'"


def _translated_where_needed(source, target):
    """PL/pgSQL translating ``folded`` only when it holds a character of ``source``."""
    return (
        f"    IF folded ~ {_sql_quote('[' + source + ']')} THEN\n"
        f"        folded := translate(folded, {_sql_quote(source)}, {_sql_quote(target)});\n"
        "    END IF;\n"
    )


def _normalize_function():
    rules = [(_sql_quote(f"([{row}]){LONG_VOWEL}"), _sql_quote("\\1" + vowel)) for vowel, row in VOWEL_ROWS]
    long_vowels = "".join(f"        folded := regexp_replace(folded, {find}, {put}, 'g');\n" for find, put in rules)
    return (
        "CREATE OR REPLACE FUNCTION public.search_normalize(value text) RETURNS text\n"
        "LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $normalize$\n"
        "DECLARE\n"
        "    folded text := normalize(value, NFKC);\n"
        "BEGIN\n"
        + _translated_where_needed(variants.FROM, variants.TO)
        + "    folded := lower(public.unaccent('public.unaccent'::regdictionary, folded));\n"
        + _translated_where_needed(KATAKANA, HIRAGANA)
        + f"    IF strpos(folded, {_sql_quote(LONG_VOWEL)}) > 0 THEN\n"
        + long_vowels
        + "    END IF;\n"
        "    RETURN btrim(regexp_replace(folded, '\\s+', ' ', 'g'));\n"
        "END\n"
        "$normalize$;\n"
    )


SEARCH_CONFIG = "english_unaccent"

NORMALIZE_FUNCTION = _normalize_function()
"""``search_normalize``, as the search app's latest migration of it creates it (a test checks)."""

# Immutable functions, so that generated columns and indexes may use them.
# unaccent() itself is only STABLE (it looks up its dictionary by name);
# naming the dictionary with its schema makes the call safe to mark IMMUTABLE.
# Built from the constants above only: nothing here comes from a request.
SQL_FUNCTIONS = f"""
CREATE TEXT SEARCH CONFIGURATION public.{SEARCH_CONFIG} (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION public.{SEARCH_CONFIG}
    ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, english_stem;

{NORMALIZE_FUNCTION}
CREATE FUNCTION public.search_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(DISTINCT piece), '{{}}')
    FROM (SELECT substr(value, i, 2) AS piece FROM generate_series(1, length(value) - 1) AS i) AS pieces
    WHERE octet_length(piece) > 2 AND strpos(piece, ' ') = 0
$$;
"""  # noqa: S608
"""``search_bigrams`` keeps the two-character pieces with at least one
non-ASCII character (a pair of ASCII characters is two bytes) and no space:
Japanese two-character words, which neither the English parser nor pg_trgm
can find."""

SQL_FUNCTIONS_REVERSE = f"""
DROP FUNCTION IF EXISTS public.search_bigrams(text);
DROP FUNCTION IF EXISTS public.search_normalize(text);
DROP TEXT SEARCH CONFIGURATION IF EXISTS public.{SEARCH_CONFIG};
"""
