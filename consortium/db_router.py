"""Sends the searches' reads to a read-only replica of the database, when one is configured.

The searches are most of the database's work and only read; everything else (sign-in, sessions,
edits, and the reads that follow an edit) stays on the primary, so that nobody reads a replica's
slightly older copy of what they have just written. The search code marks where its reads happen
with ``search_reads()``; the settings install ``SearchReplicaRouter`` when ``DATABASE_REPLICA_URL``
is set, and a database named ``replica`` then exists.
"""

from contextlib import contextmanager
from contextvars import ContextVar

REPLICA = "replica"

_searching = ContextVar("searching", default=False)


@contextmanager
def search_reads():
    """Within it, reads go to the replica (under ``SearchReplicaRouter``)."""
    token = _searching.set(True)
    try:
        yield
    finally:
        _searching.reset(token)


class SearchReplicaRouter:
    def db_for_read(self, model, **hints):
        return REPLICA if _searching.get() else None

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica copies the primary's schema; it is never migrated itself.
        return db != REPLICA
