"""The translation queue: the records whose texts exist in one of the site's languages and not in the other.

Staff see the kinds of record they may open in the admin (``members.access.may_open_in_admin``), taken from
the registry in ``consortium.bilingual``: one SELECT per kind, joined by UNION ALL, which PostgreSQL filters,
orders and pages, so that a page of the queue costs the same two queries however long the queue is.

The portal counts no page views, so the queue cannot put the most-read records first. It puts first what
the most people may read (public records, then members', then staff-only ones, then the kinds that do not
say) and, within each, the most recently updated, the likeliest to be read now.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib import admin
from django.contrib.admin.utils import quote
from django.core.cache import cache
from django.db.models import Case, Count, DateTimeField, F, IntegerField, TextField, Value, When
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from consortium.bilingual import LANGUAGE_CODES, MEMBERS, PUBLIC, STAFF, TRANSLATED
from members.access import may_open_in_admin

VISIBILITIES = {PUBLIC: _("public"), MEMBERS: _("members"), STAFF: _("staff only")}
AGES = {
    "week": _("in the last 7 days"),
    "month": _("in the last 30 days"),
    "year": _("in the last year"),
    "older": _("more than a year ago"),
}
_AGE_DAYS = {"week": 7, "month": 30, "year": 365, "older": 365}

COUNTS_CACHE_KEY = "translation-queue:counts"
COUNTS_CACHE_SECONDS = 120

COLUMNS = (
    "tq_kind",
    "tq_pk",
    "tq_object",
    "tq_heading",
    "tq_context",
    "tq_visibility",
    "tq_rank",
    "tq_updated",
    "tq_created",
    "tq_missing",
)
_NO_TEXT = Cast(Value(None), TextField())
_NO_DATE = Cast(Value(None), DateTimeField())
_RANK = Case(
    *(When(tq_visibility=readers, then=Value(rank)) for rank, readers in enumerate(VISIBILITIES)),
    default=Value(len(VISIBILITIES)),
    output_field=IntegerField(),
)
# "title (Japanese)", "タイトル(日本語)": the language in brackets at the end of a paired field's name.
_LANGUAGE_IN_NAME = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")


@dataclass(frozen=True)
class Filters:
    """What the queue is narrowed to; empty strings narrow nothing. Values are those the form offers."""

    kind: str = ""
    field: str = ""
    language: str = ""
    visibility: str = ""
    updated: str = ""
    created: str = ""


@dataclass(frozen=True)
class Row:
    kind: str
    heading: str
    context: str
    url: str
    missing: list
    visibility: str
    updated: datetime | None


def admin_model(entry):
    """The model whose admin page edits the entry's records: its own, else its parent's; None if neither."""
    for model in (entry.model, entry.parent_model):
        if model is not None and admin.site.is_registered(model):
            return model
    return None


def kinds_for(user):
    """The registry's entries whose records ``user`` may open in the admin, in the registry's order."""
    return [
        entry
        for entry in TRANSLATED
        if (target := admin_model(entry)) is not None
        and may_open_in_admin(user, entry.model)
        and may_open_in_admin(user, target)
    ]


def _model_fields(model):
    return {field.name for field in model._meta.concrete_fields}


def _visibility(entry):
    """Who reads the entry's records, as SQL; None where neither the model nor its parent says."""
    if entry.visibility is not None:
        return entry.visibility("")
    if entry.parent and (parent := TRANSLATED.of(entry.parent_model)).visibility is not None:
        return parent.visibility(f"{entry.parent}__")
    return None


def _dates(entry):
    """(created, updated) as SQL: the record's own, else its parent's; updated is created where not kept."""
    sources = [(entry.model, "")] + ([(entry.parent_model, f"{entry.parent}__")] if entry.parent else [])
    for model, prefix in sources:
        fields = _model_fields(model)
        if fields & {"created_at", "updated_at"}:
            created = F(f"{prefix}created_at") if "created_at" in fields else _NO_DATE
            updated = F(f"{prefix}updated_at") if "updated_at" in fields else created
            return created, updated
    return _NO_DATE, _NO_DATE


def _since(age, now):
    return now - timedelta(days=_AGE_DAYS[age])


def _kind_rows(entry, filters, now):
    """The entry's records that the filters keep, as the queue's columns; None when the filters rule it out."""
    visibility = _visibility(entry)
    created, updated = _dates(entry)
    if (
        (filters.field and filters.field not in entry.fields)
        or (filters.visibility and visibility is None)
        or (filters.updated and updated is _NO_DATE)
        or (filters.created and created is _NO_DATE)
    ):
        return None
    own_page = admin_model(entry) is entry.model
    context = TRANSLATED.of(entry.parent_model).heading_expression(f"{entry.parent}__") if entry.parent else None
    rows = (
        entry.model._default_manager.filter(entry.lacking(filters.field or None, filters.language or None))
        .order_by()
        .annotate(
            tq_kind=Value(entry.key, output_field=TextField()),
            tq_pk=Cast("pk", TextField()),
            tq_object=Cast("pk" if own_page else entry.parent, TextField()),
            tq_heading=Cast(entry.heading_expression(), TextField()),
            tq_context=_NO_TEXT if context is None else Cast(context, TextField()),
            tq_visibility=_NO_TEXT if visibility is None else Cast(visibility, TextField()),
            tq_updated=updated,
            tq_created=created,
            tq_missing=entry.missing_expression(),
        )
        .annotate(tq_rank=_RANK)
    )
    if filters.visibility:
        rows = rows.filter(tq_visibility=filters.visibility)
    for column, age in (("tq_updated", filters.updated), ("tq_created", filters.created)):
        if age == "older":
            rows = rows.filter(**{f"{column}__lt": _since(age, now)})
        elif age:
            rows = rows.filter(**{f"{column}__gte": _since(age, now)})
    return rows.values(*COLUMNS)


def queue(kinds, filters=Filters(), now=None):
    """The records of ``kinds`` (from ``kinds_for``) that miss a text, as one ordered query of ``COLUMNS``;
    an empty list when there is nothing to look at."""
    now = now or timezone.now()
    if filters.kind:
        kinds = [entry for entry in kinds if entry.key == filters.kind]
    parts = [rows for entry in kinds if (rows := _kind_rows(entry, filters, now)) is not None]
    if not parts:
        return []
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("tq_rank", F("tq_updated").desc(nulls_last=True), "tq_kind", "tq_pk")


def describe(values):
    """The queue's rows as the page shows them: names, the admin page's address, the missing texts."""
    rows = []
    for value in values:
        entry = TRANSLATED.get(value["tq_kind"])
        target = admin_model(entry)
        opts = entry.model._meta
        rows.append(
            Row(
                kind=kind_label(entry),
                heading=value["tq_heading"] or "",
                context=value["tq_context"] or "",
                url=reverse(
                    f"admin:{target._meta.app_label}_{target._meta.model_name}_change",
                    args=[quote(value["tq_object"])],
                ),
                missing=[capfirst(opts.get_field(name).verbose_name) for name in value["tq_missing"]],
                visibility=VISIBILITIES.get(value["tq_visibility"], ""),
                updated=value["tq_updated"],
            )
        )
    return rows


def kind_label(entry, plural=False):
    """The kind's name, after its parent's for a record that belongs to another: "Event: speakers"."""
    opts = entry.model._meta
    name = opts.verbose_name_plural if plural else opts.verbose_name
    if not entry.parent:
        return str(capfirst(name))
    return _("%(parent)s: %(kind)s") % {"parent": capfirst(entry.parent_model._meta.verbose_name), "kind": name}


def kind_choices(kinds):
    return [(entry.key, kind_label(entry, plural=True)) for entry in kinds]


def field_label(entry, field):
    """A paired text's name without its language: "title" of "title (Japanese)"."""
    name = entry.model._meta.get_field(f"{field}_{LANGUAGE_CODES[0]}").verbose_name
    return str(capfirst(_LANGUAGE_IN_NAME.sub("", str(name))))


def field_choices(kinds):
    """The texts of ``kinds`` for the filter, each once by its base name, under the names the kinds give it
    and, where two texts share a name ("venue" of events and of meetings), the kinds that have them."""
    labels, owners = {}, {}
    for entry in kinds:
        for field in entry.fields:
            labels.setdefault(field, {})[field_label(entry, field)] = None
            owners.setdefault(field, []).append(kind_label(entry, plural=True))
    choices = {field: " / ".join(names) for field, names in labels.items()}
    shared = {label for label in choices.values() if list(choices.values()).count(label) > 1}
    return [
        (
            field,
            _("%(text)s (%(kinds)s)") % {"text": label, "kinds": " / ".join(owners[field])}
            if label in shared
            else label,
        )
        for field, label in choices.items()
    ]


def missing_counts():
    """How many records of each kind miss a text in a language, ``{"experts.expert": 12}``: every kind,
    in one query, kept for a couple of minutes (the admin index shows it on every visit)."""
    counts = cache.get(COUNTS_CACHE_KEY)
    if counts is None:
        parts = [
            entry.model._default_manager.filter(entry.lacking())
            .order_by()
            .annotate(tq_kind=Value(entry.key, output_field=TextField()))
            .values("tq_kind")
            .annotate(tq_count=Count("pk"))
            for entry in TRANSLATED
        ]
        # Ordered, or the union would take the first model's default order, whose columns it does not select.
        combined = parts[0].union(*parts[1:], all=True).order_by("tq_kind")
        counts = dict(combined.values_list("tq_kind", "tq_count"))
        cache.set(COUNTS_CACHE_KEY, counts, COUNTS_CACHE_SECONDS)
    return counts
