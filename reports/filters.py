"""The reports list's search: free text, facets with counts, sorting.

Reports are few (hundreds, not the database's hundreds of thousands), so facets are counted with one
GROUP BY each over the reports the user may see, filtered by every other facet: exact counts, and a
fixed number of queries whatever the number of reports.
"""

from django import forms
from django.db.models import Count
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_filters import CharFilter, ChoiceFilter, FilterSet

from consortium.bilingual import localized_ordering
from consortium.fiscal import fiscal_year_label
from consortium.models import Country, Region
from experts.models import Expert
from reports.models import Report, ReportFile
from search.facets import Facet, FacetFilter, region_facet
from search.filterset import SearchFilterSet
from search.matching import matching, rank
from search.query import Query

FISCAL_YEARS = [(str(year), str(year)) for year in range(1950, 2101)]


class LanguageFacetFilter(FacetFilter):
    """Reports with a file in a chosen language: a subquery, so that a report with two files appears once."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(pk__in=ReportFile.objects.filter(language__in=value).values("report"))


class ReportFilterSet(FilterSet):
    q = CharFilter(label=_("Search"), method="filter_q", widget=forms.TextInput(attrs={"type": "search"}))
    sort = ChoiceFilter(label=_("Sort by"), method="filter_sort", empty_label=None)
    kind = FacetFilter("kind", label=_("Kind"), choices=Report.Kind.choices)
    country = FacetFilter("countries__code", label=_("Country"), label_path="countries", reference=(Country, "code"))
    region = region_facet(Region.Scheme.SUBCOMMITTEE)
    year = FacetFilter("fiscal_year", label=_("Fiscal year"), choices=FISCAL_YEARS)
    language = LanguageFacetFilter(
        "files__language", label=_("Language of the file"), choices=ReportFile.Language.choices
    )

    SORTS = {"relevance": _("relevance"), "newest": _("fiscal year (newest first)"), "title": _("title")}
    FACETS = ("kind", "country", "region", "year", "language")
    # Each facet's values and labels, as GROUP BY reads them.
    FACET_COLUMNS = {
        "kind": ("kind",),
        "country": ("countries__code", "countries__name_ja", "countries__name_en"),
        "region": (
            "countries__subcommittee_region__code",
            "countries__subcommittee_region__name_ja",
            "countries__subcommittee_region__name_en",
        ),
        "year": ("fiscal_year",),
        "language": ("files__language",),
    }

    class Meta:
        model = Report
        fields = []

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.filters["sort"].extra["choices"] = list(self.SORTS.items())

    @cached_property
    def query(self):
        self.form.is_valid()
        return Query.parse(self.form.cleaned_data.get("q") or "")

    @cached_property
    def chosen_sort(self):
        self.form.is_valid()
        sort = self.form.cleaned_data.get("sort") or ("relevance" if self.query else "newest")
        return "newest" if sort == "relevance" and not self.query else sort

    def filter_q(self, queryset, name, value):
        if not self.query:
            return queryset
        # Also through the authors on record: "Yamada" finds the reports Yamada wrote.
        own = Report._base_manager.filter(matching(self.query)).values("pk")
        experts = Expert._base_manager.filter(matching(self.query)).values("pk")
        through = Report.authors.through.objects.filter(expert__in=experts).values("report_id")
        return queryset.filter(pk__in=own.union(through))

    def filter_sort(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset, exclude=None):
        self.form.is_valid()
        for name, value in self.form.cleaned_data.items():
            if name != exclude:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def qs(self):
        queryset = self.filter_queryset(self.queryset)
        if self.chosen_sort == "relevance":
            return queryset.annotate(relevance=rank(self.query)).order_by("-relevance", "-fiscal_year", "pk")
        if self.chosen_sort == "title":
            return queryset.order_by(*localized_ordering("title"), "pk")
        return queryset.order_by("-fiscal_year", "-published_on", "pk")

    # The list pages' own: each chosen value with the address of the search without it.
    active_filters = SearchFilterSet.active_filters

    def facets(self):
        """Each facet's options with the number of reports it would give, among the other filters' results."""
        self.form.is_valid()
        facets = []
        for name in self.FACETS:
            facet_filter = self.filters[name]
            columns = self.FACET_COLUMNS[name]
            counted = self.filter_queryset(self.queryset, exclude=name).order_by()
            counted = counted.filter(**{f"{columns[0]}__isnull": False})
            rows = counted.values(*columns).annotate(count=Count("pk", distinct=True))
            rows = [
                {
                    "value": str(row[columns[0]]),
                    "label_ja": row.get(columns[1]) if len(columns) > 1 else "",
                    "label_en": row.get(columns[2]) if len(columns) > 1 else "",
                    "count": row["count"],
                }
                for row in rows
            ]
            selected = [str(value) for value in self.form.cleaned_data.get(name) or []]
            options = facet_filter.options(rows, selected)
            if name == "year":
                for option in options:
                    option.label = fiscal_year_label(option.value)
                options.sort(key=lambda option: (not option.selected, -int(option.value)))
            facets.append(Facet(name, facet_filter.label, options))
        return facets

    def ignored(self):
        """What could not be used, in words: unknown values, shortened queries."""
        self.form.is_valid()
        notes = list(self.query.notes)
        for name, errors in self.form.errors.items():
            label = self.form.fields[name].label if name in self.form.fields else name
            notes.append(
                gettext("%(field)s: %(errors)s This was ignored.") % {"field": label, "errors": " ".join(errors)}
            )
        for name in self.FACETS:
            field = self.form.fields[name]
            values = getattr(field, "ignored", None)
            if values:
                notes.append(
                    gettext("%(field)s: unknown value %(values)s ignored.")
                    % {"field": field.label, "values": ", ".join(f"“{value[:40]}”" for value in values)}
                )
        return notes
