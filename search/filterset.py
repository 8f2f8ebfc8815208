"""The base of each list page's filter set: free text ``q``, facets with counts, year ranges and sorting.

Subclasses declare their facets, sorts and ordering; what finds and pages the results is in
``search.results``, what counts facets in ``search.facets``.
"""

from django import forms
from django.db import connections
from django.db.models import BooleanField, F, OrderBy
from django.db.models.expressions import RawSQL
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, FilterSet, NumberFilter

from search import results
from search.facets import (
    FACET_OPTIONS,
    FACET_SAMPLE,
    OWN_SAMPLES,
    Facet,
    facet_filters,
    facet_statement,
)
from search.matching import matching, rank
from search.paging import PER_PAGE, RESULT_COUNT_LIMIT
from search.query import Query
from search.results import FetchedInOrder, KnownPage, among_ids, id_array_text


class SearchFilterSet(FilterSet):
    """A list page's search: free text ``q``, facets with counts, year ranges, ``sort``.

    Subclasses declare their facets (FacetFilter, YesNoFacetFilter), ``SORTS``
    (sort name → label) and ``ordering(sort)``. Values that cannot be used are
    left out and listed by ``ignored()``, never an error page.
    """

    q = CharFilter(label=_("Search"), method="filter_q", widget=forms.TextInput(attrs={"type": "search"}))
    sort = ChoiceFilter(label=_("Sort by"), method="filter_sort", empty_label=None)

    SORTS = {}
    default_sort = "name"
    facet_sample = FACET_SAMPLE
    facet_codes = None
    """The model holding each record's facet codes (``search.facet_codes``)."""

    def __init__(self, data=None, *args, page_window=(0, PER_PAGE), query=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        # The parse of each text searched for, made once: filtering, the notes and highlighting share it.
        # A view that searches several kinds for the same words gives the one parse to each (``query``).
        self._queries = {}
        self._given_query = query
        # (offset, length) of the page the view will show: its ids are taken, in order, with ``result_ids``.
        self.page_window = page_window
        self.filters["sort"].extra["choices"] = list(self.SORTS.items())

    def parsed(self, text):
        """``text`` (the form's ``q``) parsed: the Query given to the filter set, or parsed once here."""
        if self._given_query is not None:
            return self._given_query
        if text not in self._queries:
            self._queries[text] = Query.parse(text)
        return self._queries[text]

    @property
    def query(self):
        """The search as the page shows it: the parse of the form's ``q``."""
        self.form.is_valid()
        return self.parsed(self.form.cleaned_data.get("q") or "")

    def matching(self, query):
        return matching(query)

    def filter_q(self, queryset, name, value):
        query = self.parsed(value or "")
        return queryset.filter(self.matching(query)) if query else queryset

    def filter_sort(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset, exclude=None):
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @cached_property
    def result_ids(self):
        """Ids of the results, at most RESULT_COUNT_LIMIT + 1, in no order.

        One query gives both the capped count and the facets' sample, and, where every result is
        among them, the ids of ``page_window`` in order (``_found``).
        """
        return self._found[0]

    @cached_property
    def _found(self):
        """(result ids, the page's ids in order or None). One statement finds the results and, when no more
        match than can be ordered (RESULT_COUNT_LIMIT, or RANK_LIMIT by relevance), orders the page
        among them; with more, a guard counted first skips the sort, and ``page_qs`` walks the name
        index instead. Where the order's keys are cheap to read along with each result (anything
        but a full-text rank, which reads each match's document), the finding query keeps them and
        the page is sorted from them: the rows are read once, not found and then looked up one by
        one for their order, as a ranked page's are."""
        found = super().qs.order_by()
        keys = self._order_keys() or []
        annotations = {f"page_key_{index}": expression for index, (expression, _direction) in enumerate(keys)}
        found = found.annotate(**annotations).values_list("pk", *annotations)[: RESULT_COUNT_LIMIT + 1]
        finding_sql, finding_params = found.query.get_compiler(using=found.db).as_sql()
        limit = min(results.RANK_LIMIT, RESULT_COUNT_LIMIT) if self.wanted_sort == "relevance" else RESULT_COUNT_LIMIT
        page_sql, page_params = self._page_among_found(keys, list(annotations), limit)
        # Each list of ids comes back as one array: decoding thousands of rows costs more than one array.
        columns = ", ".join(["pk", *annotations])
        sql = (
            f"WITH found ({columns}) AS MATERIALIZED ({finding_sql}) "  # noqa: S608 (the ORM's SQL, our names)
            f"SELECT ARRAY(SELECT pk FROM found), ARRAY({page_sql})"
        )
        params = (*finding_params, *page_params)
        # The words' English lexemes, which highlighting needs, come along rather than by a query of their own.
        stems = self.query.stems_column() if self.query else None
        if stems:
            sql += f", {stems[0]}"
            params += tuple(stems[1])
        with connections[found.db].cursor() as cursor:
            cursor.execute(sql, params)
            ids, page, *lexemes = cursor.fetchone()
        if lexemes:
            self.query.keep_stems(lexemes[0])
        # Past the guard, the page was not ordered: None, not an empty page.
        return ids, page if len(ids) <= limit else None

    def _page_among_found(self, keys, key_columns, limit):
        """(sql, params) of the ids of ``page_window`` in order, among the rows of ``found`` (``_found``),
        when there are no more than ``limit``: sorted by the keys ``found`` holds, or, with none, ranked
        by full text."""
        offset, length = self.page_window
        if not keys:
            guard = RawSQL("(SELECT count(*) FROM found) <= %s", (limit,), output_field=BooleanField())
            ranked = self._narrow(guard, pk__in=RawSQL("SELECT pk FROM found", ()))
            ranked = self.in_order(ranked, "relevance").values_list("pk")[offset : offset + length]
            return ranked.query.get_compiler(using=ranked.db).as_sql()
        directions = (direction for _expression, direction in keys)
        order = ", ".join(column + direction for column, direction in zip(key_columns, directions, strict=True))
        sql = f"SELECT pk FROM found WHERE (SELECT count(*) FROM found) <= %s ORDER BY {order} LIMIT %s OFFSET %s"  # noqa: S608
        return sql, (limit, length, offset)

    def _narrow(self, *conditions, **lookups):
        """The records of ``queryset`` that match, without its joins and prefetches: for their ids alone."""
        return self.queryset.select_related(None).prefetch_related(None).filter(*conditions, **lookups)

    def _order_keys(self):
        """The wanted order as (expression, " DESC NULLS LAST"-like direction) pairs, or None for a
        full-text rank, read only for the page's records. The order is the chosen one whenever the
        page is taken (``too_many_to_rank``)."""
        if self.wanted_sort == "relevance":
            if self.query.rankable:
                return None
            terms = [OrderBy(rank(self.query), descending=True), *self.ordering(self.default_sort)]
        else:
            terms = self.ordering(self.wanted_sort)
        keys = []
        for term in terms:
            if isinstance(term, str):
                term = OrderBy(F(term.removeprefix("-")), descending=term.startswith("-"))
            elif not isinstance(term, OrderBy):
                term = OrderBy(term)
            nulls = " NULLS LAST" if term.nulls_last else " NULLS FIRST" if term.nulls_first else ""
            keys.append((term.expression, (" DESC" if term.descending else " ASC") + nulls))
        return keys

    @cached_property
    def counted(self):
        """(count, is_exact) of the results, counted at most up to the cap (see search.paging)."""
        return min(len(self.result_ids), RESULT_COUNT_LIMIT), len(self.result_ids) <= RESULT_COUNT_LIMIT

    @property
    def wanted_sort(self):
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("sort")
        if chosen in self.SORTS and (chosen != "relevance" or self.query):
            return chosen
        return "relevance" if self.query else self.default_sort

    @property
    def too_many_to_rank(self):
        count, is_exact = self.counted
        return self.wanted_sort == "relevance" and (count > results.RANK_LIMIT or not is_exact)

    @property
    def chosen_sort(self):
        """The order of the results: the one asked for, unless there are too many to rank."""
        return self.default_sort if self.too_many_to_rank else self.wanted_sort

    @cached_property
    def qs(self):
        return self.in_order(super().qs)

    @cached_property
    def page_qs(self):
        """``qs`` for the list page, to be sliced. When ``result_ids`` holds every result, the page is
        taken from among those ids: their order, taken with them for ``page_window`` (``_found``) or
        else in a narrow query, then the page's rows. Otherwise the database walks a name index in
        order, probing each record against the filters, to find the few that a narrow facet or a
        rare word lets through."""
        if not self.counted[1]:
            return self.qs
        _ids, page = self._found
        if page is None:
            return FetchedInOrder(self._ordered_among_ids(), self.queryset)
        return FetchedInOrder(KnownPage(self.page_window, page, self._ordered_among_ids), self.queryset)

    def _ordered_among_ids(self):
        """The results' ids in order, in a narrow query over ``result_ids``."""
        return self.in_order(self._narrow(among_ids(self.result_ids))).values_list("pk", flat=True)

    def in_order(self, queryset, sort=None):
        """``queryset`` in the order ``sort``, by default the chosen one."""
        sort = sort or self.chosen_sort
        if sort == "relevance":
            return queryset.annotate(rank=rank(self.query)).order_by("-rank", *self.ordering(self.default_sort))
        return queryset.order_by(*self.ordering(sort))

    def ordering(self, sort):
        raise NotImplementedError

    def facet_filters(self):
        return facet_filters(self.filters)

    def facets(self):
        """The facets with counts: each counted over the results of every other filter.

        Each facet first takes the ids of up to FACET_SAMPLE + 1 of its results
        (the facets with nothing chosen share ``result_ids``; one with a chosen
        value takes its own, in a subquery that stops there), then counts the
        codes of those records (``search.facet_codes``), every facet in one
        statement. When more matched, the counts are of the first FACET_SAMPLE,
        shown as shares.
        """
        self.form.is_valid()
        # A facet with nothing chosen counts over the results themselves: one sample serves them all.
        shared = min(len(self.result_ids), self.facet_sample + 1)
        sizes = {name: shared for name, _facet_filter in self.facet_filters()}
        own = tuple(name for name in sizes if self.form.cleaned_data.get(name))
        sql, labels_params = facet_statement(type(self), len(own))
        # A facet with a value chosen counts over the results of every other filter, found in the same statement.
        own_sql, own_params, counted_params = [], [], [id_array_text(self.result_ids[: self.facet_sample])]
        for number, name in enumerate(own, start=1):
            sample = self.filter_queryset(self.queryset.all(), exclude=name).order_by().values_list("pk")
            sample_sql, sample_params = sample[: self.facet_sample + 1].query.get_compiler(using=sample.db).as_sql()
            own_sql.append(f"own_{number} AS MATERIALIZED (SELECT ARRAY({sample_sql}) AS ids), ")
            own_params += sample_params
            counted_params += [self.facet_sample, f"{name}:"]
        sample_of = {name: own.index(name) + 1 if name in own else 0 for name in sizes}
        rows = {}
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql.replace(OWN_SAMPLES, "".join(own_sql)), [*own_params, *counted_params, *labels_params])
            for sample, code, count, value, label_ja, label_en in cursor.fetchall():
                if code is None:
                    sizes[own[sample - 1]] = count
                    continue
                name, _colon, key = code.partition(":")
                if sample_of.get(name) == sample:
                    value = key if value is None else value
                    row = {"value": value, "label_ja": label_ja, "label_en": label_en, "count": count}
                    rows.setdefault(name, []).append(row)
        facets = []
        for name, facet_filter in self.facet_filters():
            selected = self.form.cleaned_data.get(name) or []
            estimated = sizes[name] > self.facet_sample
            options = facet_filter.options(rows.get(name, []), selected)
            if estimated:
                for option in options:
                    option.share = max(1, round(100 * option.count / self.facet_sample)) if option.count else 0
            shown = [option for index, option in enumerate(options) if index < FACET_OPTIONS or option.selected]
            facets.append(Facet(name, facet_filter.label, shown, estimated))
        return facets

    def ignored(self):
        """What could not be used, in words: wrong values, unknown codes, shortened queries."""
        self.form.is_valid()
        notes = list(self.query.notes)
        if self.too_many_to_rank:
            notes.append(
                gettext(
                    "More than %(limit)s results match, too many to sort by relevance: they are sorted by name. "
                    "Add a word or a filter to sort them by relevance."
                )
                % {"limit": f"{results.RANK_LIMIT:,}"}
            )
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            notes.append(
                gettext("%(field)s: %(errors)s This was ignored.") % {"field": label, "errors": " ".join(errors)}
            )
        for field_ in self.form.fields.values():
            values = getattr(field_, "ignored", None)
            if values:
                notes.append(
                    gettext("%(field)s: unknown value %(values)s ignored.")
                    % {"field": field_.label, "values": ", ".join(f"“{value[:40]}”" for value in values)}
                )
        return notes

    def active_filters(self, request, facets):
        """Each chosen facet value with the address of this search without it (``facets`` from ``facets()``)."""
        active = []
        for facet in facets:
            for option in facet.options:
                if option.selected:
                    params = request.GET.copy()
                    params.setlist(facet.name, [v for v in params.getlist(facet.name) if v != option.value])
                    params.pop("page", None)
                    active.append({"facet": facet.label, "label": option.label, "url": "?" + params.urlencode()})
        return active


class YearFilter(NumberFilter):
    """A year: a whole number within reason, so that a stray value is ignored rather than queried."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1000)
        kwargs.setdefault("max_value", 2100)
        super().__init__(*args, **kwargs)
