"""How a parsed query becomes SQL: which records match it, and how they rank.

A query matches a record when its full-text query matches the document, or
when every term, or its roman reading (``search.readings``), is found in the
normalised text (by the index that suits the term's length). Every term is
normalised inside the query by the same SQL function that built the stored
text (``search.columns``).
"""

import re

from django.contrib.postgres.search import SearchRank
from django.db.models import BooleanField, Case, Expression, F, FloatField, Q, TextField, Value, When
from django.db.models.functions import Concat, StrIndex
from django.db.models.lookups import Contains, GreaterThan, StartsWith

from search import readings
from search.columns import SEPARATOR, ArrayContains, ArrayOf, Characters, Normalized


def term_condition(term, prefix=""):
    """The record's text contains ``term``, or a whole word of it is the term's roman reading
    (``search.readings``): "Ohno" and おおの find Ōno, not Sonoda, and さとう not Satoshi. A term in
    kanji finds, besides, the records whose names are written without kanji and read as it does.

    Where a short term's index condition is confirmed by another (``_text_conditions``), the readings
    are added to each apart: ``(indexed OR read) AND (confirmed OR read)``. PostgreSQL then finds the
    rows by both indexes and tests each row on the confirming condition alone, where with the
    readings beside the whole term it tested the index's condition again on every row (for 佐藤, the
    bigrams of 5,000 experts read from TOAST: 24 → 108 ms).
    """
    indexed, confirmed = _text_conditions(term, prefix)
    readings_ = Q()
    folded = readings.folded_term(term)
    if folded is not None:
        # Folded already, so not normalised again, which would trim the spaces that mark a whole word
        # (a reading's words are always followed by one: the next name, or the next part's separator).
        readings_ |= Q(Contains(F(f"{prefix}search_text"), Value(f" {folded} ")))
    kanji_readings = readings.kanji_readings(term)
    if kanji_readings and not prefix:
        readings_ |= Q(ReadAs(kanji_readings))
    if not readings_:
        return indexed & confirmed
    if not confirmed:
        return indexed | readings_
    return (indexed | readings_) & (confirmed | readings_)


def text_condition(term, prefix=""):
    """The record's normalised text contains ``term``, by the index that fits its length."""
    indexed, confirmed = _text_conditions(term, prefix)
    return indexed & confirmed


def _text_conditions(term, prefix):
    """(the index's condition, a condition confirming it or an empty Q) of the text containing ``term``."""
    text = F(f"{prefix}search_text")
    needle = Normalized(Value(term))
    if len(term) >= 3:
        # LIKE '%term%' on the pg_trgm GIN index.
        return Q(Contains(text, needle)), Q()
    found = Q(GreaterThan(StrIndex(text, needle), 0))
    if len(term) == 2:
        # The bigram GIN index narrows the rows; strpos confirms the position.
        return Q(ArrayContains(F(f"{prefix}search_bigrams"), ArrayOf(needle))), found
    # One character, never ASCII (see _substring_searchable): the GIN index of the text's characters
    # finds the rows. strpos says the same more cheaply where a plan tests rows one by one (walking
    # the name index for a page, say), and PostgreSQL tests the cheaper condition first.
    return Q(ArrayContains(Characters(text), ArrayOf(needle))), found


_READING = re.compile(r"^[a-z]+( [a-z]+)*$")


class ReadAs(Expression):
    """The record's name is written without kanji and reads as one of ``readings`` (whole words of its
    ``name_reading``): how 山崎 finds an expert recorded as "Yamazaki" or ヤマザキ alone.

    Which records write their names without kanji is the model's to say: those whose name fields in its
    ``without_kanji`` are empty, the condition of its index of readings (``search.columns.reading_index``).
    For a model without readings (projects, reports) the condition is false. Resolved against the model of
    the query it is used in, so that every search of any model may use it alike; written as SQL of its own
    (one regular expression for every reading), since a filter set compiles its search several times a
    request and a Q of a condition for each reading cost a millisecond each time.
    """

    conditional = True
    output_field = BooleanField()

    def __init__(self, readings_, columns=()):
        super().__init__()
        if not readings_ or not all(_READING.match(reading) for reading in readings_):
            raise ValueError(f"Not readings as search.readings makes them: {readings_!r}")
        self.readings = tuple(readings_)
        self.columns = list(columns)

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        empty = getattr(query.model, "without_kanji", None)
        if empty is None:
            return Value(False).resolve_expression(query, allow_joins, reuse, summarize, for_save)
        names = (*empty, "name_reading")
        columns = [F(name).resolve_expression(query, allow_joins, reuse, summarize) for name in names]
        return ReadAs(self.readings, columns)

    def as_sql(self, compiler, connection):
        *empty, reading = (compiler.compile(column)[0] for column in self.columns)
        # Readings are folded roman letters and spaces (search.readings): nothing a regular expression reads.
        pattern = " (" + "|".join(self.readings) + ") "
        conditions = [f"{column} = ''" for column in empty]
        # Spelled as search.columns.PaddedReading, so that it matches the partial index of the readings.
        conditions.append(f"(' ' || {reading} || ' ') ~ %s")
        return "(" + " AND ".join(conditions) + ")", [pattern]


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
