"""A member's search as typed, parsed once: words, quoted phrases, excluded words, and notes on
what was shortened or left out. Normalised as the stored text is (``search.textnorm``)."""

import re
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.utils.functional import cached_property
from django.utils.translation import gettext

from search import textnorm
from search.columns import SEARCH_CONFIG

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8

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
