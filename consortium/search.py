"""Search over the database's records, on PostgreSQL's own machinery.

Each searchable model (Expert, CooperationProject, HeritageSite) stores three
generated columns:

- ``search_document``: a ``tsvector`` of its English text under the
  ``english_unaccent`` configuration (stemmed, accents removed), with a GIN
  index: "restorations" finds "restoration", "Djemila" finds "Djémila";
- ``search_text``: its names and titles in every script (and its Japanese
  text), through ``search_normalize`` (see ``consortium.textnorm``), with a
  ``gin_trgm_ops`` GIN index for substrings of three or more characters;
- ``search_bigrams``: ``search_bigrams()`` of that same text, the two-character
  Japanese pieces, with a GIN index: two-character words such as family names
  (山田), which trigrams cannot find. Stored rather than only indexed, so that
  rechecking a row does not recompute it.

A one-character term (林) is found by a GIN index over ``search_characters()``
of ``search_text``, its distinct non-ASCII characters (an index, not a column).

A query matches a record when its full-text query matches the document, or
when every term is found in the normalised text (by the index that suits
the term's length). Every term is normalised inside the query by the same
SQL function that built the stored text.

Also here: ranking and highlighting. The list pages build on this module:
``consortium.facets`` holds the facet filters and ``SearchFilterSet``, the base
of each list page's filter set; ``consortium.paging`` the capped counts,
pagination and the list page's context. An export or a map takes its records
from the same filter set's ``qs``, so it finds exactly what the list page shows.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, GeneratedField, Q, TextField, Value, When
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import Contains, GreaterThan, StartsWith
from django.utils.functional import cached_property
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from consortium import textnorm

SEARCH_CONFIG = textnorm.SEARCH_CONFIG
MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

SEPARATOR = " | "
SEARCH_COLUMNS = ("search_text", "search_bigrams", "search_document")
"""The generated columns: queried, never shown, so list and detail queries defer them."""


def search_columns(relation=None):
    """SEARCH_COLUMNS of the model, or of a select_related relation, for ``defer()``."""
    prefix = f"{relation}__" if relation else ""
    return [f"{prefix}{column}" for column in SEARCH_COLUMNS]


# Expressions -----------------------------------------------------------------


class Normalized(Func):
    """``search_normalize(text)``: see consortium.textnorm."""

    function = "search_normalize"
    output_field = TextField()


class Bigrams(Func):
    """``search_bigrams(text)``: the text's two-character Japanese pieces."""

    function = "search_bigrams"
    output_field = ArrayField(TextField())


class Characters(Func):
    """``search_characters(text)``: the text's distinct non-ASCII characters (experts' migration 0009)."""

    function = "search_characters"
    output_field = ArrayField(TextField())


class ArrayOf(Func):
    template = "ARRAY[%(expressions)s]"
    output_field = ArrayField(TextField())


class ArrayContains(Func):
    """``array @> other``; spelled out so that it matches the expression index."""

    template = "%(expressions)s"
    arg_joiner = " @> "
    output_field = BooleanField()


def normalized_text(*fields):
    """The ``search_text`` generated column: the given fields, joined and normalised."""
    parts = []
    for name in fields:
        if parts:
            parts.append(Value(SEPARATOR))
        parts.append(F(name) if isinstance(name, str) else name)
    joined = parts[0] if len(parts) == 1 else Concat(*parts, output_field=TextField())
    return Normalized(joined)


def bigrams(*fields):
    """The ``search_bigrams`` generated column, over the same fields as ``normalized_text``."""
    return Bigrams(normalized_text(*fields))


def document(**fields_by_weight):
    """The ``search_document`` generated column: ``document(A=["title_en"], B=["summary_en"])``."""
    vectors = [
        SearchVector(*fields, config=SEARCH_CONFIG, weight=weight)
        for weight, fields in sorted(fields_by_weight.items())
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def generated_search_fields(*, text, bigram_text, document_weights):
    """The three stored search columns of a searchable model, in the order of SEARCH_COLUMNS.

    ``search_text, search_bigrams, search_document = generated_search_fields(...)`` in the model's body.
    """
    return (
        GeneratedField(
            expression=normalized_text(*text),
            output_field=TextField(),
            db_persist=True,
            verbose_name=gettext_lazy("search text"),
        ),
        GeneratedField(
            expression=bigrams(*bigram_text),
            output_field=ArrayField(TextField()),
            db_persist=True,
            verbose_name=gettext_lazy("search bigrams"),
        ),
        GeneratedField(
            expression=document(**document_weights),
            output_field=SearchVectorField(),
            db_persist=True,
            verbose_name=gettext_lazy("search document"),
        ),
    )


# Queries ---------------------------------------------------------------------

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_EDGE_PUNCTUATION = "\"'()[]{}<>,.;:!?*|&+~^=`、。，．「」『』（）【】"
_OPERATORS = {"or", "and", "not"}


@dataclass
class Query:
    """A member's search, parsed once: the text for the full-text query and
    the normalised terms for the substring indexes."""

    raw: str = ""
    text: str = ""
    terms: list = field(default_factory=list)
    excluded: list = field(default_factory=list)
    positive: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms or self.excluded or any(ch.isalnum() for ch in self.text))

    @classmethod
    def parse(cls, raw):
        raw = (raw or "").replace("\x00", "")
        notes = []
        if len(raw) > MAX_QUERY_LENGTH:
            raw = raw[:MAX_QUERY_LENGTH]
            notes.append(
                gettext("Your search was shortened to its first %(count)d characters.") % {"count": MAX_QUERY_LENGTH}
            )
        text = textnorm.normalize(raw)
        tokens = list(_TOKEN.finditer(text))
        if len(tokens) > MAX_TERMS:
            notes.append(
                gettext("Only the first %(count)d words were used: “%(ignored)s” was ignored.")
                % {"count": MAX_TERMS, "ignored": text[tokens[MAX_TERMS].start() :]}
            )
            text = text[: tokens[MAX_TERMS].start()].strip()
            tokens = tokens[:MAX_TERMS]
        terms, excluded, positive = [], [], []
        for match in tokens:
            quoted_minus, quoted, bare = match.groups()
            negative = bool(quoted_minus)
            if quoted is not None:
                term = quoted.strip()
            else:
                negative = bare.startswith("-")
                term = bare.lstrip("-").strip(_EDGE_PUNCTUATION)
                if term in _OPERATORS:
                    continue
            if not negative:
                positive.append(term)
            if not any(ch.isalnum() for ch in term) or not _substring_searchable(term):
                continue
            target = excluded if negative else terms
            if term not in target:
                target.append(term)
        return cls(raw=raw, text=text, terms=terms, excluded=excluded, positive=positive, notes=notes)

    @cached_property
    def stems(self):
        """The English lexemes of the wanted words, for highlighting inflected forms: a query of their own,
        unless a statement that runs anyway took them (``stems_column``, ``keep_stems``)."""
        column = self.stems_column()
        if column is None:
            return []
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {column[0]}", column[1])  # noqa: S608 (our own SQL)
            return self.keep_stems(cursor.fetchone()[0])

    def stems_column(self):
        """(sql, params) of a column giving the lexemes, for a statement of any other purpose to take them
        with it; None when there is no English word, or when they are taken already."""
        words = " ".join(self.positive)
        if "stems" in self.__dict__ or not re.search(r"[a-z]", words):
            return None
        return "tsvector_to_array(to_tsvector(%s::regconfig, %s))", (SEARCH_CONFIG, words)

    def keep_stems(self, lexemes):
        """``stems`` from the column of ``stems_column``."""
        self.__dict__["stems"] = [stem for stem in lexemes if len(stem) >= 3]
        return self.stems

    def full_text(self):
        return SearchQuery(self.text, config=SEARCH_CONFIG, search_type="websearch")

    @cached_property
    def rankable(self):
        """Whether the full-text rank can tell records apart: the documents hold the English text, so a
        query in Japanese script alone ranks every record alike, at the cost of reading each document."""
        return any(char.isalnum() and not _JAPANESE_SCRIPT.match(char) for char in self.text)


_JAPANESE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f]")


def _substring_searchable(term):
    """Pairs of roman letters are left to the full-text index (they are whole words there)."""
    return len(term) >= 3 or not term.isascii()


def term_condition(term, prefix=""):
    """The record's normalised text contains ``term``, by the index that fits its length."""
    text = F(f"{prefix}search_text")
    needle = Normalized(Value(term))
    if len(term) >= 3:
        # LIKE '%term%' on the pg_trgm GIN index.
        return Q(Contains(text, needle))
    found = GreaterThan(StrIndex(text, needle), 0)
    if len(term) == 2:
        # The bigram GIN index narrows the rows; strpos confirms the position.
        return Q(ArrayContains(F(f"{prefix}search_bigrams"), ArrayOf(needle))) & Q(found)
    # One character, never ASCII (see _substring_searchable): the GIN index of the text's characters
    # finds the rows. strpos says the same more cheaply where a plan tests rows one by one (walking
    # the name index for a page, say), and PostgreSQL tests the cheaper condition first.
    return Q(ArrayContains(Characters(text), ArrayOf(needle))) & Q(found)


def matching(query, prefix=""):
    """A Q for the records that match ``query`` (a Query).

    A query in Japanese script alone is matched by its terms only: the full-text documents are
    English, and the substring indexes find every Japanese word they could. Without the OR, each
    term's index condition stands on its own, so PostgreSQL does not compute it again row by row.
    """
    every_term = Q()
    for term in query.terms:
        every_term &= term_condition(term, prefix)
    if query.terms and not query.rankable:
        condition = every_term
    else:
        condition = Q(**{f"{prefix}search_document": query.full_text()})
        if query.terms:
            condition |= every_term
    for term in query.excluded:
        condition &= ~term_condition(term, prefix)
    return condition


def rank(query):
    """Full-text rank, plus one when a name or title begins with the first term.

    Japanese terms have no full-text rank at all; the bonus puts 山田 before
    小山田 for "山田", and Yamada before Oyamada for "yamada".
    """
    score = SearchRank(F("search_document"), query.full_text()) if query.rankable else Value(0.0)
    if not query.terms:
        return score
    first = Normalized(Value(query.terms[0]))
    begins_a_part = Q(StartsWith(F("search_text"), first)) | Q(
        Contains(F("search_text"), Concat(Value(SEPARATOR), first, output_field=TextField()))
    )
    return score + Case(When(begins_a_part, then=Value(1.0)), default=Value(0.0), output_field=FloatField())


# Highlighting ----------------------------------------------------------------


@lru_cache(maxsize=8192)
def _normalized_character(char):
    """One character as ``textnorm.normalize`` spells it, apart from the long-vowel mark, whose
    spelling depends on the character before. Remembered: a page highlights the same few hundred
    characters of Japanese names again and again."""
    return textnorm.fold_kana(textnorm.unaccent(unicodedata.normalize("NFKC", char)).lower())


def _normalized_with_positions(text):
    """The text normalised character by character, with each character's origin."""
    if text.isascii():
        # Most names and titles: normalising ASCII only lowers it, one character for one.
        return text.lower(), range(len(text))
    chars, origins = [], []
    previous = ""
    for index, char in enumerate(text):
        if char == textnorm.LONG_VOWEL or char == "ｰ":
            piece = textnorm.fold_kana(previous + textnorm.LONG_VOWEL)[len(previous) :] if previous else char
        else:
            piece = _normalized_character(char)
        for normalized_char in piece:
            chars.append(normalized_char)
            origins.append(index)
        if piece:
            previous = piece[-1]
    return "".join(chars), origins


def highlight(text, query):
    """``text`` escaped, with what ``query`` matched wrapped in <mark>."""
    text = str(text or "")
    if not text or not query:
        return escape(text)
    normalized, origins = _normalized_with_positions(text)
    spans = []
    for term in query.terms:
        start = normalized.find(term)
        while start != -1:
            spans.append((origins[start], origins[start + len(term) - 1] + 1))
            start = normalized.find(term, start + len(term))
    for stem in query.stems:
        for found in re.finditer(rf"\b{re.escape(stem)}\w*", normalized):
            spans.append((origins[found.start()], origins[found.end() - 1] + 1))
    if not spans:
        return escape(text)
    spans.sort()
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, position = [], 0
    for start, end in merged:
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped
