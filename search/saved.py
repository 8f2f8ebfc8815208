"""Saving a list page's search: which kinds can be saved, checking and normalising the search, naming it,
and when its alerts fall due.

A search is saved as the list page reads it: only the parameters its filter set knows (the page number
and anything else are dropped), each value as the form cleaned it, multiple values sorted, empty ones
left out. A value the page would ignore (an unknown country code, a year out of range, words longer
than the page reads) is refused with the reason, and nothing is saved.
"""

import calendar
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext, pgettext
from django.utils.translation import gettext_lazy as _

from search import unified
from search.models import SavedSearch
from search.query import MAX_QUERY_LENGTH

MAX_SEARCH_LENGTH = 2_000
"""The longest query string a saved search is made from, in characters."""

MAX_SAVED_SEARCHES = 20
"""How many searches a member may keep: their page runs each of them to count what is new."""

MAX_NAME_LENGTH = 200

EVERYTHING = {
    SavedSearch.Kind.EXPERTS: _("All experts"),
    SavedSearch.Kind.PROJECTS: _("All cooperation projects"),
    SavedSearch.Kind.SITES: _("All heritage sites"),
}


@dataclass(frozen=True)
class SearchKind:
    key: str
    model: type
    filterset_class: type
    list_url: str


KINDS = {
    key: SearchKind(key, model, filterset_class, list_url)
    for key, _heading, model, filterset_class, list_url in unified.KINDS
}


class SearchNotSaved(Exception):
    """The search cannot be saved; ``reasons`` says why, in words."""

    def __init__(self, reasons):
        super().__init__(" ".join(reasons))
        self.reasons = reasons


def search_url(kind, params):
    """The list page's address that runs the search, in the current language."""
    url = reverse(KINDS[kind].list_url)
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def query_dict(params):
    """The saved parameters as the list page receives them."""
    data = QueryDict(mutable=True)
    for name, values in params.items():
        data.setlist(name, values)
    return data


def filterset_for(kind, params, queryset=None):
    """The kind's filter set over ``queryset`` (by default none of its records), reading ``params``."""
    search_kind = KINDS[kind]
    if queryset is None:
        queryset = search_kind.model.objects.none()
    return search_kind.filterset_class(query_dict(params), queryset=queryset)


def checked_params(kind, query_string):
    """The search of ``query_string`` (a list page's parameters) as it is saved, or SearchNotSaved."""
    if kind not in KINDS:
        raise SearchNotSaved([gettext("This kind of record cannot be searched.")])
    if len(query_string) > MAX_SEARCH_LENGTH:
        raise SearchNotSaved(
            [gettext("This search is longer than %(limit)s characters.") % {"limit": f"{MAX_SEARCH_LENGTH:,}"}]
        )
    data = QueryDict(query_string)
    search_kind = KINDS[kind]
    filterset = search_kind.filterset_class(data, queryset=search_kind.model.objects.none())
    form = filterset.form
    form.is_valid()
    reasons = []
    if len(filterset.data.get("q", "")) > MAX_QUERY_LENGTH:
        reasons.append(
            gettext("The search words are longer than %(limit)d characters: shorten them.")
            % {"limit": MAX_QUERY_LENGTH}
        )
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else name
        reasons.append(gettext("%(field)s: %(errors)s") % {"field": label, "errors": " ".join(errors)})
    for field in form.fields.values():
        ignored = getattr(field, "ignored", None)
        if ignored:
            reasons.append(
                gettext("%(field)s: unknown value %(values)s.")
                % {"field": field.label, "values": ", ".join(f"“{value[:40]}”" for value in ignored)}
            )
    if reasons:
        raise SearchNotSaved(reasons)
    params = {}
    for name in form.fields:
        value = form.cleaned_data.get(name)
        values = value if isinstance(value, list) else [value]
        values = sorted({str(item) for item in values if item not in (None, "")})
        if values:
            params[name] = values
    return params


def summary(kind, params):
    """A readable name for the search, in the current language: its words, then each filter's values."""
    filters = KINDS[kind].filterset_class.base_filters
    parts = []
    if params.get("q"):
        parts.append(gettext("Words: %(words)s") % {"words": params["q"][0]})
    for name in filters:
        values = params.get(name)
        if not values or name in ("q", "sort"):
            continue
        labels = _value_labels(filters[name], values)
        parts.append(
            gettext("%(field)s: %(values)s")
            % {
                "field": filters[name].label,
                "values": pgettext("between the items of a list", ", ").join(labels[value] for value in values),
            }
        )
    text = str(EVERYTHING[kind]) if not parts else parts[0]
    for part in parts[1:]:
        text = pgettext("the parts of a search's name", "%(before)s · %(after)s") % {"before": text, "after": part}
    return text if len(text) <= MAX_NAME_LENGTH else text[: MAX_NAME_LENGTH - 1] + "…"


def _value_labels(facet_filter, values):
    """Each value of a facet (or other filter) with its label in the current language; a year as itself."""
    choices = getattr(facet_filter, "choices", None)
    if choices:
        labels = {str(value): str(label) for value, label in choices}
    elif hasattr(facet_filter, "_labels"):
        labels = facet_filter._labels(values)
    else:
        labels = {}
    return {value: labels.get(value, value) for value in values}


# Saving and scheduling --------------------------------------------------------------------------


def period_after(moment, alerts):
    """When an alert of frequency ``alerts`` falls due after one at ``moment``: a week later, or the same
    day of the next month (its last day when it has fewer), at the same time of day in Japan."""
    if alerts == SavedSearch.Alerts.WEEKLY:
        return moment + timedelta(days=7)
    local = timezone.localtime(moment)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    day = min(local.day, calendar.monthrange(year, month)[1])
    return local.replace(year=year, month=month, day=day)


def schedule(saved):
    """Set ``next_alert_at`` for the search's frequency: one period after its matches were last checked
    (already due, when that was long ago), or none when alerts are off."""
    saved.next_alert_at = period_after(saved.seen_at, saved.alerts) if saved.alerts_on else None


class AlreadySaved(Exception):
    """The member has saved this search before: ``saved`` is it."""

    def __init__(self, saved):
        super().__init__(saved.name)
        self.saved = saved


def create(user, kind, params, *, name="", alerts=SavedSearch.Alerts.NONE):
    """Save the search for ``user``, with what it matches now as what they have seen (``search.watch``).
    Raises AlreadySaved when they saved it before (a second click that arrived at once, say)."""
    from search import watch

    saved = SavedSearch(user=user, kind=kind, params=params, name=name or summary(kind, params), alerts=alerts)
    [matches] = watch.matching_now([(saved, watch.viewer(user))])
    watch.mark_seen(saved, matches)
    schedule(saved)
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        earlier = SavedSearch.objects.filter(user=user, kind=kind, params=params).first()
        if earlier is None:
            raise
        raise AlreadySaved(earlier) from None
    return saved
