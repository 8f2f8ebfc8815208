"""Finding and paging the results: ids of the matching records, and a page of them in order.

What a request costs stays bounded however many records match: results are counted up to a cap
(``search.paging.RESULT_COUNT_LIMIT``), ranked by relevance only up to ``search.sorting.RANK_LIMIT``, and
past the cap the pages of a search show the first RESULT_COUNT_LIMIT + 1 found, in the order shown. Every statement
is shaped so that its cost does not hang on the planner's estimate of how many records match: the
results are found once, at most the cap and one more, in a materialised common table expression, and
each page is ordered among those rows alone (``tests/search/test_plans.py`` checks the plans).

This is the one module where hand SQL meets the ORM's: the statement that finds the results wraps the
ORM's compiled query in a common table expression, so that one round trip returns the ids of every
result, the page's ids in order, and the words' English stems. The ORM cannot say "materialise this
query once and select two arrays from it". Only identifiers of our own are spliced; every value is a
parameter.
"""

from django.db import connections
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property

from search.paging import RESULT_COUNT_LIMIT

_GUARDS = {"within": "(SELECT count(*) FROM found) <= %s", "beyond": "(SELECT count(*) FROM found) > %s"}
"""Conditions on the number of results found, for ordering a page only when it is wanted (our own SQL)."""


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


class Results:
    """The results of one search: their ids (at most RESULT_COUNT_LIMIT + 1, in no order), their count
    (capped), the order they are shown in, and the page of them.

    ``found`` is the model's queryset with every filter applied; ``rows`` the list page's queryset
    (its columns, joins and annotations), from which the page's records are read; ``sorting`` a
    ``search.sorting.Sorting``; ``page_window`` the (offset, length) of the page the view will show.
    """

    def __init__(self, *, found, rows, sorting, query, page_window):
        self.found = found
        self.rows = rows
        self.sorting = sorting
        self.query = query
        self.page_window = page_window

    @property
    def ids(self):
        """Ids of the results, at most RESULT_COUNT_LIMIT + 1, in no order."""
        return self.found_and_page[0]

    @cached_property
    def counted(self):
        """(count, is_exact) of the results, counted at most up to the cap (see search.paging)."""
        return min(len(self.ids), RESULT_COUNT_LIMIT), len(self.ids) <= RESULT_COUNT_LIMIT

    @property
    def sort(self):
        """The order the results are shown in (``Sorting.shown``)."""
        return self.sorting.shown(self.counted)

    @cached_property
    def ordered(self):
        """Every result, in the order shown: for exports and maps, and a browse's pages past the cap."""
        return self.sorting.in_order(self.found, self.sort)

    @cached_property
    def page(self):
        """The results, to be sliced for the page. Where words were searched for, among ``ids`` alone, however
        many match: the page of ``page_window`` was ordered with them (``found_and_page``); any other slice
        is ordered among them in a narrow query, then its rows are read. A browse past the cap walks the
        index of its order instead, which a browse's filters (facets, no words) do not make costly."""
        if self.browsed_past_the_cap:
            return self.ordered
        _ids, page = self.found_and_page
        return FetchedInOrder(KnownPage(self.page_window, page, self._ordered_among_ids), self.rows)

    @property
    def browsed_past_the_cap(self):
        """Whether more than the cap match without words searched for: every record of a browse, or of its
        facets, whose order the name and date indexes give by themselves, page by page."""
        return not self.query and not self.counted[1]

    @property
    def sampled(self):
        """Whether words match more records than the cap, so that the pages show the first found alone."""
        return bool(self.query) and not self.counted[1]

    @cached_property
    def found_and_page(self):
        """(result ids, the ids of ``page_window`` in the order shown). One statement finds the results, at most
        RESULT_COUNT_LIMIT + 1 of them, and orders the page among them. Where the order's keys are cheap to
        read along with each result (anything but a full-text rank, which reads each match's document), the
        finding query keeps them and the page is sorted from them. A relevance order is taken only when no
        more match than can be ranked (``Sorting.orderable``: a guard counted first skips it); beyond, the
        page is sorted by the default order's keys, kept as well (``Sorting.fallback_keys``)."""
        keys = self.sorting.keys() or []
        fallback = self.sorting.fallback_keys() or []
        annotations = {f"page_key_{index}": expression for index, (expression, _direction) in enumerate(keys)}
        fallback_annotations = {
            f"fallback_key_{index}": expression for index, (expression, _direction) in enumerate(fallback)
        }
        found = self.found.order_by().annotate(**annotations, **fallback_annotations)
        found = found.values_list("pk", *annotations, *fallback_annotations)[: RESULT_COUNT_LIMIT + 1]
        finding_sql, finding_params = found.query.get_compiler(using=found.db).as_sql()
        limit = self.sorting.orderable()
        ranked = self.sorting.wanted == "relevance"
        # The wanted order, guarded when it is relevance; past the guard, the default order.
        page_sql, page_params = self._page_among_found(keys, list(annotations), ("within", limit) if ranked else None)
        # Each list of ids comes back as one array: decoding thousands of rows costs more than one array.
        columns = ", ".join(["pk", *annotations, *fallback_annotations])
        sql = (
            f"WITH found ({columns}) AS MATERIALIZED ({finding_sql}) "  # noqa: S608 (the ORM's SQL, our names)
            f"SELECT ARRAY(SELECT pk FROM found), ARRAY({page_sql})"
        )
        params = (*finding_params, *page_params)
        if fallback:
            beyond = ("beyond", limit)
            fallback_sql, fallback_params = self._page_among_found(fallback, list(fallback_annotations), beyond)
            sql += f", ARRAY({fallback_sql})"
            params += fallback_params
        # The words' English lexemes, which highlighting needs, come along rather than by a query of their own.
        stems = self.query.stems_column() if self.query else None
        if stems:
            sql += f", {stems[0]}"
            params += tuple(stems[1])
        with connections[found.db].cursor() as cursor:
            cursor.execute(sql, params)
            ids, page, *rest = cursor.fetchone()
        fallback_page = rest.pop(0) if fallback else None
        if rest:
            self.query.keep_stems(rest[0])
        return ids, fallback_page if ranked and len(ids) > limit else page

    def _page_among_found(self, keys, key_columns, guard):
        """(sql, params) of the ids of ``page_window`` in order among the rows of ``found``: sorted by the keys
        ``found`` holds, or, with none, ranked by full text. ``guard``, ("within", limit) or ("beyond", limit),
        orders them only when their count is within or beyond ``limit``; None always."""
        offset, length = self.page_window
        condition, condition_params = (_GUARDS[guard[0]], (guard[1],)) if guard else ("true", ())
        if not keys:
            counted = RawSQL(condition, condition_params, output_field=BooleanField())  # noqa: S611 (_GUARDS)
            ranked = self._narrow(counted, pk__in=RawSQL("SELECT pk FROM found", ()))
            ranked = self.sorting.in_order(ranked, "relevance").values_list("pk")[offset : offset + length]
            return ranked.query.get_compiler(using=ranked.db).as_sql()
        directions = (direction for _expression, direction in keys)
        order = ", ".join(column + direction for column, direction in zip(key_columns, directions, strict=True))
        sql = f"SELECT pk FROM found WHERE {condition} ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608
        return sql, (*condition_params, length, offset)

    def _narrow(self, *conditions, **lookups):
        """The list's records that meet the conditions, without its joins and prefetches: for their ids alone."""
        return self.rows.select_related(None).prefetch_related(None).filter(*conditions, **lookups)

    def _ordered_among_ids(self):
        """The results' ids in the order shown, in a narrow query over ``ids``."""
        return self.sorting.in_order(self._narrow(among_ids(self.ids)), self.sort).values_list("pk", flat=True)
