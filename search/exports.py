"""Downloads of a list page's results as CSV or XLSX.

An export runs the list page's own filter set over ``visible_to(user)``, so it
holds exactly the records, in the order, that the page finds, and nothing the
member may not see. Each app's ``exports.py`` says which columns it has (some
for staff only), each naming the values it reads; this module fetches those
values in one query (related names joined in subqueries, never a query per
row), writes the file, and records the export in ``DataExport``.
"""

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import F, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from consortium.bilingual import LANGUAGE_CODES, current_language, language_order
from consortium.daily_limits import counting
from consortium.models import DataExport
from members.access import sees_staff_records_of, view_permission
from search import export_limits

EXPORT_LIMIT = 5_000
"""An export holds at most this many rows; the page, the file name and the file itself say so."""

LIST_SEPARATOR = "; "
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    DataExport.Format.CSV: "text/csv; charset=utf-8",
    DataExport.Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Cell:
    """How a column's cell is made from a row of values, and which values of the row it reads.

    The export fetches exactly the values its columns read, so that each app's
    ``exports.py`` names its fields once, in its columns.
    """

    reads: tuple[str, ...]
    make: Callable[[dict], object]

    def __call__(self, row):
        return self.make(row)


@dataclass(frozen=True)
class Column:
    """A column of the file: its translated header and the cell it shows."""

    header: str
    value: Cell
    staff_only: bool = False


def field(name):
    return Cell((name,), lambda row: row[name])


def choice(name, choices):
    labels = dict(choices)
    return Cell((name,), lambda row: str(labels.get(row[name], row[name] or "")))


def words(*names):
    """The fields joined by a space: a name kept in parts ("family_name", "given_name")."""
    return Cell(names, lambda row: " ".join(row[name] for name in names).strip())


def in_language(name, *, also=()):
    """The paired field ``<name>_ja``/``<name>_en`` in the page's language, else in the other one
    (else in the languages ``also`` names: a site may have only its French name or description)."""

    def value(row):
        for code in [*language_order(), *also]:
            text = row.get(f"{name}_{code}") or ""
            if text.strip():
                return text
        return ""

    return Cell(tuple(f"{name}_{code}" for code in [*LANGUAGE_CODES, *also]), value)


def localized_name(path, *, also=()):
    """SQL for the name of the related row at ``path`` in the page's language, else in the other one
    (else in the languages ``also`` names: a site may have only its French name)."""
    names = [NullIf(F(f"{path}__name_{code}"), Value("")) for code in [*language_order(), *also]]
    return Coalesce(*names, Value(""))


def joined_names(through, owner, target, *, also=()):
    """A subquery: the names of a record's related rows through ``through``, joined, in name order.

    One subquery per related kind keeps the export at one query whatever the
    number of rows, and avoids the duplicates that joining two relations at
    once would make.
    """
    name = localized_name(target, also=also)
    return Subquery(
        through.objects.filter(**{owner: OuterRef("pk")})
        .order_by()
        .values(owner)
        .annotate(names=StringAgg(name, Value(LIST_SEPARATOR), order_by=name))
        .values("names")
    )


def neutralised(value):
    """A cell a spreadsheet will show as text: one that looks like a formula gets a leading quote.

    A value that already starts with quotes before a formula sign gets one
    more, so that ``unneutralised`` can always tell the guard from the text.
    """
    if isinstance(value, str) and value.lstrip("'").startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def unneutralised(value):
    """The value ``neutralised`` was given: a guarded cell, read back from a file, loses its guard."""
    if isinstance(value, str) and value.startswith("'") and value.lstrip("'").startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


class ListExport:
    """The export of one list page. Subclasses set ``kind``, ``model``, ``filterset_class``,
    and define ``columns()``; ``annotations()`` names the SQL of the values that are not
    the model's own fields (related names, see ``joined_names``)."""

    kind = None
    model = None
    filterset_class = None

    def __init__(self, request):
        self.request = request
        self.staff = sees_staff_records_of(request.user, view_permission(self.model))

    def columns(self):
        raise NotImplementedError

    def annotations(self):
        return {}

    def rows(self, queryset):
        """The values the visible columns read, one dict per record, in one query."""
        reads = dict.fromkeys(name for column in self.visible_columns() for name in column.value.reads)
        return queryset.annotate(**self.annotations()).values(*reads)

    def visible_columns(self):
        return [column for column in self.columns() if self.staff or not column.staff_only]

    def address(self, url_name):
        """A cell: the record's page, as a full address."""
        return Cell(("pk",), lambda row: self.request.build_absolute_uri(reverse(url_name, args=[row["pk"]])))

    def table(self):
        """(header, rows, truncated): at most EXPORT_LIMIT rows of the list page's results."""
        queryset = self.model.objects.visible_to(self.request.user)
        filterset = self.filterset_class(posted_search(self.request), queryset=queryset, request=self.request)
        rows = list(self.rows(filterset.qs)[: EXPORT_LIMIT + 1])
        truncated = len(rows) > EXPORT_LIMIT
        columns = self.visible_columns()
        header = [str(column.header) for column in columns]
        return header, [[column.value(row) for column in columns] for row in rows[:EXPORT_LIMIT]], truncated


def export_links(request, url_name):
    """Context for a list page's download form: the export's URL name, its limit, and the page's
    search as (name, value) pairs for the form's hidden fields, without the page number (an
    export is every page).

    The download is a POST with a CSRF token, so that a link on another site cannot make a
    member download, and record an export in their name.
    """
    search = [(name, value) for name, values in request.GET.lists() if name != "page" for value in values]
    return {"export_url": url_name, "export_limit": EXPORT_LIMIT, "export_search": search}


def posted_search(request):
    """The search the export form posted: the list page's parameters, without the page number."""
    params = request.POST.copy()
    for name in ("page", "csrfmiddlewaretoken"):
        params.pop(name, None)
    return params


def query_string(request):
    return posted_search(request).urlencode()


def export_response(request, export_class, fmt):
    """The file of ``export_class`` in ``fmt`` ("csv" or "xlsx"), recorded in DataExport; or, past the
    member's rows for the day (``search.export_limits``), a page that refuses it."""
    export = export_class(request)
    header, rows, truncated = export.table()
    now = timezone.localtime()
    with counting(export_limits.SCOPE, request.user):
        refused = export_limits.refusal(request.user, len(rows), now)
        if refused is None:
            record = DataExport.objects.create(
                user=request.user,
                user_email=request.user.email,
                kind=export.kind,
                format=fmt,
                language=current_language(),
                query_string=query_string(request)[:2000],
                row_count=len(rows),
                truncated=truncated,
            )
    if refused is not None:
        return export_limits.refused_response(request, export.kind, refused, query_string(request))
    stem = f"jcic-heritage-{export.kind}-{now:%Y%m%d-%H%M}"
    if truncated:
        stem += f"-first-{EXPORT_LIMIT}"
    content = _xlsx(header, rows, summary(record, now)) if fmt == DataExport.Format.XLSX else _csv(header, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response


def summary(record, now):
    """What the file holds, in words: the second sheet of an XLSX file."""
    lines = [
        (gettext("Exported"), now.strftime("%Y-%m-%d %H:%M %Z")),
        (gettext("Exported by"), record.user_email),
        (gettext("Records"), record.get_kind_display()),
        (gettext("Search"), "?" + record.query_string if record.query_string else gettext("(all records)")),
        (gettext("Rows"), record.row_count),
    ]
    if record.truncated:
        lines.append(
            (
                gettext("Limit"),
                gettext("More records matched: an export holds the first %(limit)s.") % {"limit": EXPORT_LIMIT},
            )
        )
    return lines


def _csv(header, rows):
    buffer = io.StringIO()
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8 (Japanese text).
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralised("" if cell is None else cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def _xlsx(header, rows, about):
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(_("Results")))
    sheet.append(header)
    for row in rows:
        sheet.append([neutralised(cell) for cell in row])
    about_sheet = workbook.create_sheet(str(_("About this export")))
    for label, value in about:
        about_sheet.append([label, neutralised(value)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
