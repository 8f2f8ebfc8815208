"""The base of each list page's filter set: free text ``q``, facets with counts, year ranges and sorting.

Subclasses declare their facets, ``SORTS`` and ``ordering(sort)``. The filter set reads the form and
applies the filters; it hands the rest to explicit objects: ``search.sorting.Sorting`` (the order asked
for and shown), ``search.results.Results`` (finding, counting and paging, with the SQL), and
``search.facets.FacetCounter`` (the facets' counts).
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, FilterSet, NumberFilter

from search import sorting
from search.cache import CachedResults, key_for, remembered
from search.facets import FACET_SAMPLE, FacetCounter, facet_filters
from search.matching import matching
from search.paging import PER_PAGE, RESULT_COUNT_LIMIT
from search.query import Query
from search.sorting import Sorting


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

    @property
    def wanted_sort(self):
        self.form.is_valid()
        chosen = self.form.cleaned_data.get("sort")
        if chosen in self.SORTS and (chosen != "relevance" or self.query):
            return chosen
        return "relevance" if self.query else self.default_sort

    @cached_property
    def sorting(self):
        return Sorting(wanted=self.wanted_sort, default=self.default_sort, query=self.query, ordering=self.ordering)

    @cached_property
    def results(self):
        """The results of this search (``search.results.Results``): found, counted and paged there."""
        self.form.is_valid()
        return CachedResults(
            key=key_for(self, "results", self.page_window, self.wanted_sort),
            found=super().qs,
            rows=self.queryset,
            sorting=self.sorting,
            query=self.query,
            page_window=self.page_window,
        )

    @property
    def result_ids(self):
        """Ids of the results, at most RESULT_COUNT_LIMIT + 1, in no order."""
        return self.results.ids

    @property
    def _found(self):
        return self.results.found_and_page

    @property
    def counted(self):
        """(count, is_exact) of the results, counted at most up to the cap (see search.paging)."""
        return self.results.counted

    @property
    def too_many_to_rank(self):
        return self.sorting.too_many_to_rank(self.counted)

    @property
    def chosen_sort(self):
        """The order of the results: the one asked for, unless there are too many to rank."""
        return self.results.sort

    @property
    def qs(self):
        """Every result in the order shown."""
        return self.results.ordered

    @property
    def page_qs(self):
        """The results for the list page, to be sliced (``Results.page``)."""
        return self.results.page

    def in_order(self, queryset, sort=None):
        """``queryset`` in the order ``sort``, by default the one shown."""
        return self.sorting.in_order(queryset, sort or self.chosen_sort)

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
        return remembered(
            key_for(self, "facets"),
            lambda: FacetCounter(
                type(self),
                facets=self.facet_filters(),
                chosen=self.form.cleaned_data,
                result_ids=self.result_ids,
                sample_size=self.facet_sample,
                others_of=lambda name: self.filter_queryset(self.queryset.all(), exclude=name),
                using=self.queryset.db,
            ).count(),
        )

    def ignored(self):
        """What could not be used, in words: wrong values, unknown codes, shortened queries."""
        self.form.is_valid()
        notes = list(self.query.notes)
        if self.too_many_to_rank and self.results.sampled:
            notes.append(
                gettext(
                    "More than %(limit)s results match, too many to sort by relevance: the first %(limit)s found "
                    "are shown, sorted by name. Add a word or a filter to sort them all by relevance."
                )
                % {"limit": f"{sorting.RANK_LIMIT:,}"}
            )
        elif self.too_many_to_rank:
            notes.append(
                gettext(
                    "More than %(limit)s results match, too many to sort by relevance: they are sorted by name. "
                    "Add a word or a filter to sort them by relevance."
                )
                % {"limit": f"{sorting.RANK_LIMIT:,}"}
            )
        elif self.results.sampled:
            notes.append(
                gettext(
                    "More than %(limit)s results match: the first %(limit)s found are shown in this order. "
                    "Add a word or a filter to see them all."
                )
                % {"limit": f"{RESULT_COUNT_LIMIT:,}"}
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
