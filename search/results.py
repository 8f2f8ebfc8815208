"""Finding and paging the results: ids of the matching records, and a page of them in order.

What a request costs stays bounded however many records match: results are counted up to a cap
(``search.paging.RESULT_COUNT_LIMIT``) and ranked by relevance only up to RANK_LIMIT.
"""

from django.db.models import Q
from django.db.models.expressions import RawSQL

from search.paging import RESULT_COUNT_LIMIT

RANK_LIMIT = RESULT_COUNT_LIMIT
"""Relevance orders at most this many results. Ranking reads every match's document, so a
word that matches a fifth of the database is sorted by name instead, and the page says so."""


def id_array_text(ids):
    """``{1,2,3}``: PostgreSQL's text form of an array of whole numbers."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


def among_ids(ids):
    """The records whose ids are ``ids``, as ``pk IN (SELECT unnest(ids))``: the planner expects few
    rows from the list and looks each up by primary key, where with ``pk = ANY(ids)`` it may walk
    the index of the sort order from the start, filtering, in search of the few that are listed."""
    return Q(pk__in=RawSQL("SELECT unnest(%s::bigint[])", [id_array_text(ids)]))


class FetchedInOrder:
    """Sliced like a queryset, in two queries: ``ordered_ids`` gives the slice's ids in order, without
    reading the columns, joins and prefetches of ``rows``, which then fetches those records alone."""

    def __init__(self, ordered_ids, rows):
        self.ordered_ids = ordered_ids
        self.rows = rows

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("FetchedInOrder is sliced, not indexed.")
        ids = list(self.ordered_ids[key])
        found = self.rows.in_bulk(ids)
        return [found[pk] for pk in ids if pk in found]


class KnownPage:
    """Ordered ids, sliced. ``ids`` were taken for the window ``(offset, length)``: every id there is, so
    fewer than ``length`` where the results end. A slice within the window at its start comes from
    them; any other from the queryset that ``ordered_ids()`` builds."""

    def __init__(self, window, ids, ordered_ids):
        (self.offset, self.length), self.ids, self.ordered_ids = window, ids, ordered_ids

    def __getitem__(self, key):
        start = key.start or 0
        if start == self.offset and key.stop is not None and key.stop - start <= self.length:
            return self.ids[: key.stop - start]
        return self.ordered_ids()[key]
