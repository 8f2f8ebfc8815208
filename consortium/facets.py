"""Facets and the list pages' filter sets.

``SearchFilterSet`` is the base of each list page's filter set: free text
(``consortium.search``), facets whose counts are taken with GROUP BY over the
results of every other filter (each record's codes, ``consortium.facet_codes``),
year ranges and sorting. A value that cannot be used is left out and reported,
never an error page.

What a request costs stays bounded however many records match: results are
counted up to a cap, ranked by relevance only up to RANK_LIMIT, and facets
are grouped over at most FACET_SAMPLE of their records (estimated beyond).
"""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.db import connections
from django.db.models import BooleanField, CharField, F, OrderBy, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Concat
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, Filter, FilterSet, NumberFilter

from consortium.bilingual import localized
from consortium.models import Region
from consortium.paging import PER_PAGE, RESULT_COUNT_LIMIT
from consortium.search import Query, matching, rank

MAX_FACET_VALUES = 20
"""A facet takes at most this many values at once; more are reported as ignored."""

RANK_LIMIT = RESULT_COUNT_LIMIT
"""Relevance orders at most this many results. Ranking reads every match's document, so a
word that matches a fifth of the database is sorted by name instead, and the page says so."""

FACET_OPTIONS = 15
"""A facet shows its most frequent values, this many, and every chosen one."""

FACET_SAMPLE = 500
"""Facets are counted exactly over at most this many results; beyond that, over this many of
them, and shown as estimated shares, so that a common word never groups every row it matches."""


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


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    share: int | None = None
    """Per cent of a sample, when the facet is estimated rather than counted."""

    @property
    def choice_label(self):
        if self.share is not None:
            return gettext("%(label)s (about %(share)s%%)") % {"label": self.label, "share": self.share}
        return f"{self.label} ({self.count:,})"


class LenientMultipleChoiceField(forms.Field):
    """A list of codes: keeps the known ones and remembers the others in ``ignored``.

    ``known(values)`` returns the subset of ``values`` that exist.
    """

    widget = forms.MultipleHiddenInput

    def __init__(self, *, known, **kwargs):
        self.known = known
        kwargs["required"] = False
        super().__init__(**kwargs)

    def to_python(self, value):
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        return [str(item) for item in value]

    def clean(self, value):
        values = list(dict.fromkeys(self.to_python(value)))
        values, over_limit = values[:MAX_FACET_VALUES], values[MAX_FACET_VALUES:]
        plausible = [v for v in values if v and len(v) <= 64 and "\x00" not in v]
        known = self.known(plausible) if plausible else set()
        self.ignored = [v for v in values if v not in known] + over_limit
        return [v for v in values if v in known]


class FacetFilter(Filter):
    """A facet: filter by any of the chosen codes at ``path``; count records per code.

    ``label_path`` names the related model whose ``name_ja``/``name_en`` label the
    codes; ``choices`` labels codes of a field with choices instead.
    """

    field_class = LenientMultipleChoiceField

    def __init__(self, path, *, label_path=None, choices=None, reference=None, **kwargs):
        self.path = path
        self.label_path = label_path
        self.choices = choices
        self.reference = reference
        self._primary_keys_read = {}
        super().__init__(field_name=path, known=self._known, **kwargs)

    def _known(self, values):
        if self.choices is not None:
            return {value for value, _label in self.choices} & set(values)
        source, code_field = self._reference()
        # Their primary keys come with them, for filtering the link table (``_primary_keys``).
        rows = source.filter(**{f"{code_field}__in": values}).values_list(code_field, "pk")
        self._primary_keys_read = {(source.model, code_field, code): pk for code, pk in rows}
        return {code for _model, _field, code in self._primary_keys_read}

    def _reference(self):
        """(queryset, code field) of the codes this facet accepts."""
        source, code_field = self.reference
        if not isinstance(source, QuerySet):
            source = source._default_manager.all()
        return source.all(), code_field

    def filter(self, qs, value):
        if not value:
            return qs
        relation, _sep, rest = self.path.partition("__")
        field = qs.model._meta.get_field(relation) if rest else None
        if field is not None and field.many_to_many:
            # A subquery on the link table alone, so that a record with two chosen codes appears once
            # and the database reads the links, not every record joined to them.
            target = field.m2m_reverse_field_name()
            if "__" in rest or rest == field.related_model._meta.pk.name:
                links = field.remote_field.through._default_manager.filter(**{f"{target}__{rest}__in": value})
            else:
                # By the codes' primary keys, not a join to the codes' table: the database can then
                # read the links of each chosen code in record order, and merge them with other filters'.
                primary_keys = self._primary_keys(field.related_model, rest, value)
                links = field.remote_field.through._default_manager.filter(**{f"{target}__in": primary_keys})
            return qs.filter(pk__in=links.values(field.m2m_column_name()))
        return qs.filter(**{f"{self.path}__in": value})

    def _primary_keys(self, model, code_field, codes):
        """The primary keys of the ``model`` records whose ``code_field`` is one of ``codes``: read with the
        codes when the form checked them (``_known``), though the queryset is filtered once for the
        results and once per other facet."""
        read = self._primary_keys_read
        if all((model, code_field, code) in read for code in codes):
            return [read[model, code_field, code] for code in codes]
        return list(model._default_manager.filter(**{f"{code_field}__in": codes}).values_list("pk", flat=True))

    def labelled(self, model):
        """(related model, code field) of the records that label this facet's values, or None. Its codes
        (``consortium.facet_codes``) hold their primary keys; its values, in addresses, their codes."""
        if not self.label_path:
            return None
        related = model
        for part in self.label_path.split("__"):
            related = related._meta.get_field(part).related_model
        return related, self.path.removeprefix(self.label_path + "__")

    def options(self, rows, selected):
        """The facet's options from its rows (value, labels, count: ``SearchFilterSet.facets``), with every
        chosen value among them."""
        choice_labels = dict(self.choices or ())
        options = []
        for row in rows:
            value = row["value"]
            if self.label_path:
                label = localized(_Names(row["label_ja"], row["label_en"]), "name").text
            else:
                label = str(choice_labels.get(value, value))
            options.append(FacetOption(value, label, row["count"], value in selected))
        counted = {option.value for option in options}
        missing = [value for value in selected if value not in counted]
        if missing:
            # A chosen value that nothing matches any more still shows, so that it can be unticked.
            labels = self._labels(missing)
            options += [FacetOption(value, labels.get(value, value), 0, True) for value in missing]
        # Chosen values first, so that what is ticked shows without scrolling; then the most frequent.
        options.sort(key=lambda option: (not option.selected, -option.count, option.label))
        return options

    def _labels(self, values):
        if self.choices is not None:
            return {value: str(label) for value, label in self.choices}
        source, code_field = self._reference()
        return {str(getattr(obj, code_field)): str(obj) for obj in source.filter(**{f"{code_field}__in": values})}


def region_facet(scheme):
    """The facet of a record's countries' regions in ``scheme`` (``Region.Scheme``): the consortium's
    sub-committee regions, or UNESCO's for heritage sites."""
    field = "subcommittee_region" if scheme == Region.Scheme.SUBCOMMITTEE else "unesco_region"
    return FacetFilter(
        f"countries__{field}__code",
        label=_("Region"),
        label_path=f"countries__{field}",
        reference=(Region.objects.filter(scheme=scheme), "code"),
    )


@dataclass
class _Names:
    name_ja: str
    name_en: str


class YesNoFacetFilter(Filter):
    """A two-valued facet ("yes" or "no") over a condition, counted in one query."""

    field_class = LenientMultipleChoiceField

    def __init__(self, condition, *, yes_label, no_label, **kwargs):
        self.condition = condition
        self.choices = (("yes", yes_label), ("no", no_label))
        super().__init__(known=lambda values: {"yes", "no"} & set(values), **kwargs)

    def filter(self, qs, value):
        if not value or set(value) == {"yes", "no"}:
            return qs
        return qs.filter(self.condition) if value == ["yes"] else qs.exclude(self.condition)

    def labelled(self, model):
        return None

    def options(self, rows, selected):
        counts = {row["value"]: row["count"] for row in rows}
        return [
            FacetOption(value, str(label), counts.get(value, 0), value in selected)
            for value, label in self.choices
            if counts.get(value) or value in selected
        ]


def facet_filters(filters):
    """(name, filter) of the facets among ``filters``, in their order."""
    return [(name, f) for name, f in filters.items() if isinstance(f, (FacetFilter, YesNoFacetFilter))]


OWN_SAMPLES = "/* own samples */"
"""Where ``SearchFilterSet.facets`` puts the queries of the chosen facets' own samples."""


@cache
def facet_statement(filterset_class, own_count):
    """SQL counting the facet codes (``consortium.facet_codes``) of samples of ``filterset_class``'s
    records, every facet in one pass over each sample's rows: rows of (sample, code, count, value,
    label_ja, label_en). Sample 0, whose ids are a parameter, serves every facet with nothing
    chosen. Sample ``i`` (1 to ``own_count``) is a chosen facet's own: the query that finds it goes
    in as ``own_i`` at OWN_SAMPLES, its codes are counted for that facet alone, and a row with no
    code gives its size. The parameters, after those of the own samples' queries: sample 0's ids
    (as the array's text); for each own sample, how many of its ids to count and its facet's name
    with a colon; then the ones returned. Built once per class and number of own samples."""
    codes = filterset_class.facet_codes._meta
    # Table and column names come from the models, numbers from here; every value is a parameter.
    count = f"code, count(*) AS n FROM {codes.db_table}, unnest(codes) AS code WHERE {codes.pk.column}"
    counted = [f"SELECT 0 AS sample, {count} = ANY(%s::bigint[]) GROUP BY code"]  # noqa: S608
    for number in range(1, own_count + 1):
        # The array, cast: ANY over a bare subquery would compare each id with whole arrays.
        sample = f"(SELECT ids[1:%s] FROM own_{number})::bigint[]"  # noqa: S608
        counted.append(f"SELECT {number}, {count} = ANY({sample}) AND starts_with(code, %s) GROUP BY code")  # noqa: S608
        counted.append(f"SELECT {number}, NULL, cardinality(ids) FROM own_{number}")  # noqa: S608
    # Every facet with labels has each of its labelling records under its code's key, "specialty:3".
    labels = []
    for name, facet_filter in facet_filters(filterset_class.base_filters):
        if labelled := facet_filter.labelled(filterset_class._meta.model):
            related, code_field = labelled
            key = Concat(Value(f"{name}:"), Cast("pk", CharField()))
            rows = related._default_manager.order_by().annotate(facet_key=key)
            labels.append(rows.values_list("facet_key", code_field, "name_ja", "name_en"))
    labels_sql, labels_params = labels[0].union(*labels[1:], all=True).order_by().query.sql_with_params()
    sql = (
        f"WITH {OWN_SAMPLES} counted AS ({' UNION ALL '.join(counted)}), "  # noqa: S608 (our own SQL and the ORM's)
        f"labels (facet_key, value, label_ja, label_en) AS ({labels_sql}) "
        "SELECT counted.sample, counted.code, counted.n, labels.value, labels.label_ja, labels.label_en "
        "FROM counted LEFT JOIN labels ON labels.facet_key = counted.code"
    )
    return sql, labels_params


@dataclass
class Facet:
    name: str
    label: str
    options: list
    estimated: bool = False


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
    """The model holding each record's facet codes (``consortium.facet_codes``)."""
    page_window = (0, PER_PAGE)
    """(offset, length) of the page the view will show: its ids are taken, in order, with ``result_ids``."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["sort"].extra["choices"] = list(self.SORTS.items())

    @cached_property
    def query(self):
        self.form.is_valid()
        return Query.parse(self.form.cleaned_data.get("q") or "")

    def matching(self, query):
        return matching(query)

    def filter_q(self, queryset, name, value):
        return queryset.filter(self.matching(self.query)) if self.query else queryset

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
        limit = min(RANK_LIMIT, RESULT_COUNT_LIMIT) if self.wanted_sort == "relevance" else RESULT_COUNT_LIMIT
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
        """(count, is_exact) of the results, counted at most up to the cap (see consortium.paging)."""
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
        return self.wanted_sort == "relevance" and (count > RANK_LIMIT or not is_exact)

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
        codes of those records (``consortium.facet_codes``), every facet in one
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
                % {"limit": f"{RANK_LIMIT:,}"}
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
