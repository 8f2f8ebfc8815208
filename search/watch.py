"""What a saved search matches now, and which of those matches are new since it was last checked.

A check keeps the ids the search matched in the saved search (``seen_ids``). Later, records that match
and are not among those ids are new. That covers a record that was just added, one edited so that it
now matches, and one newly visible to the member, such as a staff-only record opened to members.
A record that stops matching leaves the set, so if it matches again it is new again.

The set is bounded: at most WATCH_LIMIT ids are kept, the newest (highest) ones. When more records match,
``seen_from_id`` holds the smallest id kept. Records added later have higher ids, so they are always
found; an older record below that id that starts to match is not reported. That is the price of the
bound, and it applies only to searches matching more than WATCH_LIMIT records.

The search runs under the access rule for its member outside any session (``viewer``): staff see what
members see, so the count on the member's page agrees with the alert that will list the records.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.utils import timezone

from consortium.db_router import search_reads
from members.access import can_use_database, outside_session
from search import cache as search_cache
from search.models import SavedSearch
from search.saved import KINDS, filterset_for

WATCH_LIMIT = 5_000
"""At most this many ids of a saved search's matches are kept, the newest."""

COUNTS_SECONDS = 600
"""How long a search's current matches are kept in the cache for the members' pages. An edit of any
searchable record moves the cache's version on (``search.cache``), so the figures never lag an edit."""


@dataclass(frozen=True)
class Matches:
    """The ids a search matches now, newest first: all of them, or the WATCH_LIMIT newest."""

    ids: tuple
    complete: bool

    @property
    def from_id(self):
        """The smallest id these matches account for: 0 when they are complete."""
        return 0 if self.complete or not self.ids else self.ids[-1]


def viewer(user):
    """Who the search runs for: ``user`` as the access rule sees them when no session is there."""
    return outside_session(user)


def found(saved, reader):
    """The records of the saved search that ``reader`` may see, unordered."""
    model = KINDS[saved.kind].model
    return filterset_for(saved.kind, saved.params, model.objects.visible_to(reader)).results.found


def matching_now(searches):
    """The ``Matches`` of each (saved search, reader) pair, in order, all taken in one statement.

    Each search's newest matches are read by walking its records in order of id, newest first, until
    WATCH_LIMIT + 1 match: the planner reads them through the primary key's index or the search
    indexes, whichever it expects to be cheaper. At the benchmark's size (200,000 experts, 40,000 projects)
    that took 20 to 400 ms a search on a busy machine, where gathering every match first and then sorting
    them took up to a second for a common word."""
    if not searches:
        return []
    arrays, params = [], []
    using = "default"
    for saved, reader in searches:
        queryset = found(saved, reader).order_by().values("pk")
        using = queryset.db
        try:
            sql, sql_params = queryset.query.get_compiler(using=using).as_sql()
        except EmptyResultSet:
            sql, sql_params = "SELECT NULL::bigint AS pk WHERE false", ()
        newest = f"SELECT found.pk FROM ({sql}) AS found (pk) ORDER BY found.pk DESC LIMIT %s"  # noqa: S608 (the ORM's)
        arrays.append(f"ARRAY({newest})")
        params += [*sql_params, WATCH_LIMIT + 1]
    statement = "SELECT " + ", ".join(arrays)
    with connections[using].cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    return [Matches(tuple(ids[:WATCH_LIMIT]), len(ids) <= WATCH_LIMIT) for ids in row]


def new_ids(saved, matches):
    """The ids among ``matches`` that the saved search had not seen, newest first."""
    seen = set(saved.seen_ids)
    return [pk for pk in matches.ids if pk >= saved.seen_from_id and pk not in seen]


def mark_seen(saved, matches, at=None):
    """Record ``matches`` as what the saved search has seen (the caller saves it)."""
    saved.seen_ids = list(matches.ids)
    saved.seen_from_id = matches.from_id
    saved.seen_at = at or timezone.now()


def new_counts(searches, user):
    """{saved search's pk: how many records newly match it} for ``user``'s own page; empty when they may
    not use the database. A search's current matches are kept in the cache under the audience's key
    (``search.cache.audience``), and those not kept are found together in one statement."""
    if not can_use_database(user):
        return {}
    reader = viewer(user)
    version = search_cache.version()
    keys = {saved.pk: _cache_key(saved, reader, version) for saved in searches} if version is not None else {}
    kept = cache.get_many(list(keys.values())) if keys else {}
    matches = {saved.pk: kept[keys[saved.pk]] for saved in searches if keys.get(saved.pk) in kept}
    missing = [saved for saved in searches if saved.pk not in matches]
    if missing:
        with search_reads():
            computed = matching_now([(saved, reader) for saved in missing])
        matches.update((saved.pk, found_now) for saved, found_now in zip(missing, computed, strict=True))
        if keys:
            cache.set_many({keys[saved.pk]: matches[saved.pk] for saved in missing}, COUNTS_SECONDS)
    return {saved.pk: len(new_ids(saved, matches[saved.pk])) for saved in searches}


@dataclass
class MemberSearches:
    """A member's saved searches for their own page, each with ``new_count`` (None when not counted)."""

    searches: list
    counted: bool
    """Whether the member may use the database now: what is new is counted, and alerts are sent."""


def listing(user):
    """``user``'s saved searches, oldest first, each with the number of records newly matching it."""
    searches = list(SavedSearch.objects.filter(user=user).order_by("created_at", "pk"))
    counts = new_counts(searches, user)
    for saved in searches:
        saved.new_count = counts.get(saved.pk)
    return MemberSearches(searches, can_use_database(user))


def _cache_key(saved, reader, version):
    model = KINDS[saved.kind].model
    described = json.dumps([saved.kind, saved.params], sort_keys=True, ensure_ascii=False)
    digest = hashlib.sha256(described.encode()).hexdigest()
    return f"search:saved:{model._meta.label_lower}:{search_cache.audience(reader, model)}:{version}:{digest}"
