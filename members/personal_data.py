"""A person's own data, in sections that each app contributes: what the download holds (a ZIP of JSON and
CSV, one pair of files per section) and what closing the account does to it (``members.closing``).

An app registers its sections when it is ready (its AppConfig.ready imports its ``personal_data`` module),
so that a new kind of personal data joins the download and the closing in a few lines::

    from members import personal_data

    @personal_data.section(
        "saved_searches",
        _("Saved searches"),
        fields=[("name", _("Name")), ("url", _("Address")), ("created_at", _("Saved"))],
        close=delete_saved_searches,  # optional: called with the Closing when the account is closed
    )
    def saved_searches(user):
        return user.saved_searches.values("name", "url", "created_at")

A section's rows are dicts keyed by its fields' keys, and must be the user's own data only: the download
is made from nothing else. Matching by e-mail address uses the account's verified addresses only, since an
address the person has not proved theirs may be someone else's (``Closing.addresses``,
``verified_addresses``).
"""

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from events import policies
from search.exports import neutralised

LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Closing:
    """An account being closed, as each section's ``close`` sees it."""

    user: object
    addresses: frozenset  # the account's verified addresses and its login, lower-cased, as they were
    now: datetime
    placeholder: str  # the address the account keeps: reaches nobody, unique to it


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    fields: tuple  # ((key, label), ...)
    rows: Callable[[object], Iterable[dict]]
    close: Callable[[Closing], None] | None = None
    order: int = 100

    def table(self, user):
        return [{key: row.get(key) for key, _label in self.fields} for row in self.rows(user)]


_SECTIONS = {}


def register(section):
    """Add ``section``; its name (the files' name in the download) must be new."""
    known = _SECTIONS.get(section.name)
    if known is not None and known.rows is not section.rows:
        raise ImproperlyConfigured(f"Two personal data sections are named {section.name!r}.")
    _SECTIONS[section.name] = section
    return section


def section(name, title, *, fields, close=None, order=100):
    """Decorator: register the function below as the rows of a section (see the module's docstring)."""

    def decorator(rows):
        register(Section(name=name, title=title, fields=tuple(fields), rows=rows, close=close, order=order))
        return rows

    return decorator


def sections():
    return sorted(_SECTIONS.values(), key=lambda known: (known.order, known.name))


def verified_addresses(user):
    """The addresses the person has proved theirs, lower-cased: the only ones data may be matched by."""
    addresses = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    return frozenset(address.lower() for address in addresses)


def any_address(addresses, field="email"):
    """A filter for rows whose ``field`` is one of ``addresses``, whatever the case; none when there are none."""
    matches = Q(pk__in=[])
    for address in sorted(addresses):
        matches |= Q(**{f"{field}__iexact": address})
    return matches


# The download ------------------------------------------------------------------------------------------


def _plain(value):
    """A value as JSON holds it: times in Japan's time zone, as ISO 8601; lists as lists; text as text."""
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if value is None or isinstance(value, (bool, int, float)):
        return value
    return str(value)


def _cell(value):
    value = _plain(value)
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(str(item) for item in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return neutralised(value)


def _csv(section, rows):
    buffer = io.StringIO()
    # A byte-order mark, so that spreadsheet programs read the file as UTF-8 (Japanese text).
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow([str(label) for _key, label in section.fields])
    for row in rows:
        writer.writerow([_cell(row[key]) for key, _label in section.fields])
    return buffer.getvalue()


def archive(user, now=None):
    """The ZIP file of ``user``'s data: for each section ``<name>.json`` and ``<name>.csv``, and a README in
    the current language saying what each file holds."""
    now = timezone.localtime(now or timezone.now())
    tables = [(known, known.table(user)) for known in sections()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive_file:
        readme = render_to_string(
            "members/personal_data_readme.txt",
            {
                "now": now,
                "tables": [(known, len(rows)) for known, rows in tables],
                "privacy_url": settings.PORTAL_URL + reverse("pages:detail", args=[policies.PRIVACY]),
            },
        )
        archive_file.writestr("README.txt", readme)
        for known, rows in tables:
            plain_rows = [{key: _plain(value) for key, value in row.items()} for row in rows]
            archive_file.writestr(
                f"{known.name}.json",
                json.dumps(plain_rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            archive_file.writestr(f"{known.name}.csv", _csv(known, rows))
    return buffer.getvalue()
