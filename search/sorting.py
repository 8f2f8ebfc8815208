"""Sorting a list page's results: the order asked for, the order shown, and putting records in either.

Relevance (a full-text rank) is the order of a search, name the order of a browse. Ranking reads every
match's document, so when more match than RANK_LIMIT the page is sorted by name and says so.

When words match more than RESULT_COUNT_LIMIT records, the pages show the first RESULT_COUNT_LIMIT + 1
found (the ids the finding statement keeps), in the order shown, and say so: ordering every match instead
costs what the planner guesses it will, and its guess for the commonest family names, whose matches
lie together in the name order, walked 90,000 rows of the name index for one page (issue 20).
"""

from django.db.models import F, OrderBy

from search.matching import rank
from search.paging import RESULT_COUNT_LIMIT

RANK_LIMIT = RESULT_COUNT_LIMIT
"""Relevance orders at most this many results. Ranking reads every match's document, so a
word that matches a fifth of the database is sorted by name instead, and the page says so."""


class Sorting:
    """The order of one search's results.

    ``wanted`` is the sort the visitor asked for where it applies (relevance only with words to rank
    by); ``default`` the model's own (name); ``ordering(sort)`` the filter set's ``order_by`` terms
    for a sort; ``query`` the parsed search.
    """

    def __init__(self, *, wanted, default, query, ordering):
        self.wanted = wanted
        self.default = default
        self.query = query
        self.ordering = ordering

    def orderable(self):
        """How many results the wanted order can sort: fewer by relevance (RANK_LIMIT) than by name."""
        return min(RANK_LIMIT, RESULT_COUNT_LIMIT) if self.wanted == "relevance" else RESULT_COUNT_LIMIT

    def too_many_to_rank(self, counted):
        """Whether relevance was asked for and more match (``counted``: count, is_exact) than can be ranked."""
        count, is_exact = counted
        return self.wanted == "relevance" and (count > RANK_LIMIT or not is_exact)

    def shown(self, counted):
        """The order the results are in: the one asked for, unless there are too many to rank."""
        return self.default if self.too_many_to_rank(counted) else self.wanted

    def in_order(self, queryset, sort):
        """``queryset`` in the order ``sort``."""
        if sort == "relevance":
            return queryset.annotate(rank=rank(self.query)).order_by("-rank", *self.ordering(self.default))
        return queryset.order_by(*self.ordering(sort))

    def keys(self):
        """The wanted order as (expression, " DESC NULLS LAST"-like direction) pairs, for a statement to
        read along with each result; None for a full-text rank, read only for the page's records."""
        if self.wanted == "relevance":
            if self.query.rankable:
                return None
            return self._keys([OrderBy(rank(self.query), descending=True), *self.ordering(self.default)])
        return self._keys(self.ordering(self.wanted))

    def fallback_keys(self):
        """The keys of the order shown when there are too many results to rank (the default order), where
        it is not the wanted one; None otherwise."""
        return self._keys(self.ordering(self.default)) if self.wanted == "relevance" else None

    def _keys(self, terms):
        keys = []
        for term in terms:
            if isinstance(term, str):
                term = OrderBy(F(term.removeprefix("-")), descending=term.startswith("-"))
            elif not isinstance(term, OrderBy):
                term = OrderBy(term)
            nulls = " NULLS LAST" if term.nulls_last else " NULLS FIRST" if term.nulls_first else ""
            keys.append((term.expression, (" DESC" if term.descending else " ASC") + nulls))
        return keys
