"""Facets: the filters of a list page's sidebar, and counting their values over the results.

A facet's counts are taken with GROUP BY over the results of every other filter (each record's
codes, ``search.facet_codes``), grouped over at most FACET_SAMPLE of their records (estimated
beyond). A value that cannot be used is left out and reported, never an error page.
"""

from dataclasses import dataclass
from functools import cache

from django import forms
from django.db import connections
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import Filter

from consortium.bilingual import localized
from consortium.models import Region
from search.results import id_array_text

MAX_FACET_VALUES = 20
"""A facet takes at most this many values at once; more are reported as ignored."""

FACET_OPTIONS = 15
"""A facet shows its most frequent values, this many, and every chosen one."""

FACET_SAMPLE = 500
"""Facets are counted exactly over at most this many results; beyond that, over this many of
them, and shown as estimated shares, so that a common word never groups every row it matches."""


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
        (``search.facet_codes``) hold their primary keys; its values, in addresses, their codes."""
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
    """SQL counting the facet codes (``search.facet_codes``) of samples of ``filterset_class``'s
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


class FacetCounter:
    """Counts the facets of one search, each over the results of every other filter.

    Each facet first takes the ids of up to ``sample_size`` + 1 of its results (the facets with nothing
    chosen share ``result_ids``; one with a value chosen takes its own, in a subquery that stops there),
    then counts the codes of those records (``search.facet_codes``), every facet in one statement. When
    more matched, the counts are of the first ``sample_size``, shown as shares.

    ``filterset_class`` gives the statement (``facet_statement``); ``facets`` is its (name, filter)
    pairs; ``chosen`` the values chosen per facet; ``others_of(name)`` the queryset of the results of
    every filter but facet ``name``'s.
    """

    def __init__(self, filterset_class, *, facets, chosen, result_ids, sample_size, others_of, using):
        self.filterset_class = filterset_class
        self.facets = facets
        self.chosen = chosen
        self.result_ids = result_ids
        self.sample_size = sample_size
        self.others_of = others_of
        self.using = using

    def count(self):
        """The facets (``Facet``), in their order, with their options counted."""
        # A facet with nothing chosen counts over the results themselves: one sample serves them all.
        shared = min(len(self.result_ids), self.sample_size + 1)
        sizes = {name: shared for name, _facet_filter in self.facets}
        own = tuple(name for name in sizes if self.chosen.get(name))
        sql, labels_params = facet_statement(self.filterset_class, len(own))
        # A facet with a value chosen counts over the results of every other filter, found in the same statement.
        own_sql, own_params, counted_params = [], [], [id_array_text(self.result_ids[: self.sample_size])]
        for number, name in enumerate(own, start=1):
            sample = self.others_of(name).order_by().values_list("pk")
            sample_sql, sample_params = sample[: self.sample_size + 1].query.get_compiler(using=sample.db).as_sql()
            own_sql.append(f"own_{number} AS MATERIALIZED (SELECT ARRAY({sample_sql}) AS ids), ")
            own_params += sample_params
            counted_params += [self.sample_size, f"{name}:"]
        sample_of = {name: own.index(name) + 1 if name in own else 0 for name in sizes}
        rows = {}
        with connections[self.using].cursor() as cursor:
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
        for name, facet_filter in self.facets:
            selected = self.chosen.get(name) or []
            estimated = sizes[name] > self.sample_size
            options = facet_filter.options(rows.get(name, []), selected)
            if estimated:
                for option in options:
                    option.share = max(1, round(100 * option.count / self.sample_size)) if option.count else 0
            shown = [option for index, option in enumerate(options) if index < FACET_OPTIONS or option.selected]
            facets.append(Facet(name, facet_filter.label, shown, estimated))
        return facets
