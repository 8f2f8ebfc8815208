"""Counting and paging the results of a list page, cheaply at any size.

A common word can match a fifth of the database: counts stop at
``RESULT_COUNT_LIMIT`` (the page then says "more than"), so that no request
counts every row.
"""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.utils.translation import gettext

RESULT_COUNT_LIMIT = 5_000
"""Results are counted up to this many; beyond it the page says "more than"."""

PER_PAGE = 20


class CappedPaginator(Paginator):
    """A paginator over at most RESULT_COUNT_LIMIT results, given its count: ``counted`` is
    ``(count, is_exact)`` as the filter set took it (``SearchFilterSet.counted``)."""

    def __init__(self, object_list, per_page, *, counted, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count, self.count_is_exact = counted


def paginate(queryset, page_number, per_page, *, counted):
    """(page, note): the asked-for page, or the nearest one with a note saying so."""
    paginator = CappedPaginator(queryset, per_page, counted=counted)
    note = None
    try:
        page = paginator.page(page_number or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
        note = gettext("The page number “%(page)s” is not a number; showing the first page.") % {
            "page": str(page_number)[:20]
        }
    except EmptyPage:
        nearest = 1 if int(page_number) < 1 else paginator.num_pages
        page = paginator.page(nearest)
        note = gettext("There is no page %(page)s; showing page %(nearest)d.") % {
            "page": str(page_number)[:20],
            "nearest": nearest,
        }
    return page, note


def page_window(page_number, per_page):
    """(offset, length) of the page asked for, as paginate() will most often take it: a number, else
    the first; never past the last page the cap allows (paginate() then shows the last page there is)."""
    try:
        number = int(page_number)
    except (TypeError, ValueError):
        number = 1
    last = -(-RESULT_COUNT_LIMIT // per_page)
    return per_page * (min(max(1, number), last) - 1), per_page


def form_showing(filterset, sort):
    """The filter set's form as the page shows it: what was asked, with the order the results are in, which
    is not always the one asked for (``chosen_sort``). A form of its own: the filter set's is left as read.

    The filter set's form was validated already, and the shown one differs only in its order: it takes that
    form's cleaned values and errors rather than validating again (which would look up the chosen facet
    codes a second time: two more queries on every list page)."""
    form = filterset.form
    form.is_valid()
    data = form.data.copy()
    data["sort"] = sort
    shown = type(form)(data, prefix=filterset.form_prefix)
    shown.cleaned_data = {**form.cleaned_data, "sort": sort}
    shown._errors = form.errors
    return shown


def search_page(request, filterset_class, queryset, *, per_page=PER_PAGE):
    """The context of a list page: the form, facets, the page of results and what was ignored."""
    window = page_window(request.GET.get("page"), per_page)
    filterset = filterset_class(request.GET, queryset=queryset, request=request, page_window=window)
    page, page_note = paginate(filterset.page_qs, request.GET.get("page"), per_page, counted=filterset.counted)
    return list_context(request, filterset, page, page_note)


def list_context(request, filterset, page, page_note=None):
    """What a list page shows of a filter set's search (this package's, or the reports' simpler one) and
    of ``page`` of its results, with ``page_note`` (a page asked for past the last) among what was ignored."""
    facets = filterset.facets()
    by_name = {facet.name: facet for facet in facets}
    ignored = filterset.ignored()
    if page_note:
        ignored.append(page_note)
    form = form_showing(filterset, filterset.chosen_sort)
    return {
        "filter": filterset,
        "form": form,
        "query": filterset.query,
        "facets": facets,
        "page_obj": page,
        "results": list(page.object_list),
        "result_count": page.paginator.count,
        "count_is_exact": page.paginator.count_is_exact,
        "ignored": ignored,
        # The sample the shares come from, when some facet is estimated.
        "facet_sample": filterset.facet_sample if any(facet.estimated for facet in facets) else None,
        "active_filters": filterset.active_filters(request, facets),
        # The form's other fields, and each facet where its field is, in the form's order.
        "sidebar": [(by_name.get(name), form[name]) for name in form.fields if name not in ("q", "sort")],
        "sort": filterset.chosen_sort,
    }
