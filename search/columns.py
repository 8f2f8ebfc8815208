"""The search columns: what each searchable model stores so that PostgreSQL can find it.

Each searchable model (Expert, CooperationProject, HeritageSite, Report) stores three
generated columns:

- ``search_document``: a ``tsvector`` of its English text under the
  ``english_unaccent`` configuration (stemmed, accents removed), with a GIN
  index: "restorations" finds "restoration", "Djemila" finds "Djémila";
- ``search_text``: its names and titles in every script, its Japanese texts
  and (experts) the roman reading of the name (``search.readings``), through
  ``search_normalize`` (see ``search.textnorm``), with a ``gin_trgm_ops`` GIN
  index for substrings of three or more characters;
- ``search_bigrams``: ``search_bigrams()`` of that same text, the two-character
  Japanese pieces, with a GIN index: two-character words such as family names
  (山田) or 修復 anywhere in a biography, which trigrams cannot find. Stored
  rather than only indexed, so that rechecking a row does not recompute it.
  What it costs in index size and in time is measured in the README.

A one-character term (林) is found by a GIN index over ``search_characters()``
of ``search_text``, its distinct non-ASCII characters (an index, not a column).
How a query is matched against these columns is in ``search.matching``.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import BooleanField, F, Func, GeneratedField, TextField, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy

from search import textnorm

SEARCH_CONFIG = textnorm.SEARCH_CONFIG

SEPARATOR = " | "
SEARCH_COLUMNS = ("search_text", "search_bigrams", "search_document")
"""The generated columns: queried, never shown, so list and detail queries defer them."""


def search_columns(relation=None):
    """SEARCH_COLUMNS of the model, or of a select_related relation, for ``defer()``."""
    prefix = f"{relation}__" if relation else ""
    return [f"{prefix}{column}" for column in SEARCH_COLUMNS]


def searched_fields(model):
    """The fields of ``model`` that its search columns are made of, in the order they are declared.

    What a search reads: for the admin's ``search_fields`` and the benchmark's naive
    ``icontains`` search, which search the same text without these columns.
    """
    names = []
    # search_bigrams is made of search_text's fields, so it adds none.
    for column in ("search_text", "search_document"):
        for part in model._meta.get_field(column).expression.flatten():
            if isinstance(part, F) and part.name not in names:
                names.append(part.name)
    return names


class SearchableQuerySet(models.QuerySet):
    """What the pages of a searchable model read: never the search columns, and on lists not the long
    texts (``long_texts``) either. Subclasses add the joins and names their list and detail pages show."""

    long_texts = ()

    def brief(self):
        """Records for a list: without the search columns and the long texts."""
        return self.defer(*search_columns(), *self.long_texts)

    def for_list(self):
        """Records for the model's list page."""
        return self.brief()

    def for_detail(self):
        """A record for its own page: everything but the search columns."""
        return self.defer(*search_columns())


# Expressions -----------------------------------------------------------------


class Normalized(Func):
    """``search_normalize(text)``: see search.textnorm."""

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


class PaddedReading(Func):
    """``' ' || name_reading || ' '``: a record's readings between spaces, so that a reading is looked
    for as whole words (``search.matching.ReadAs``). Spelled out, so that it matches the expression index."""

    template = "(' ' || %(expressions)s || ' ')"
    output_field = TextField()


def reading_index(name, *, empty):
    """The trigram index of the padded readings of the records whose name fields ``empty`` are empty: those whose
    names are written without kanji, which a term in kanji finds by its reading (``search.matching.ReadAs``)."""
    from django.contrib.postgres.indexes import GinIndex, OpClass

    condition = models.Q(**dict.fromkeys(empty, ""))
    return GinIndex(OpClass(PaddedReading(F("name_reading")), name="gin_trgm_ops"), name=name, condition=condition)


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
    """The ``search_bigrams`` generated column, over the fields of ``normalized_text``."""
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


def generated_search_fields(*, text, document_weights):
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
            expression=bigrams(*text),
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
