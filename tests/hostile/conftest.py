"""Row counts of every table, to show that hostile input changed nothing."""

import os

import pytest
from django.core.cache import cache
from django.db import connection
from hypothesis import settings as hypothesis_settings

from tests.security.conftest import members_only_data  # noqa: F401 (the records the searches run over)

# Written by reading pages: the session's last-seen time and the rate-limit counters.
BOOKKEEPING = {"django_session", "django_cache"}


def row_counts():
    """{table: rows} for every table of the database but the bookkeeping ones, in one query."""
    tables = [name for name in connection.introspection.table_names() if name not in BOOKKEEPING]
    quote = connection.ops.quote_name
    # Table names come from the database itself and are quoted; only they are spliced in.
    union = " UNION ALL ".join(f"SELECT %s, count(*) FROM {quote(name)}" for name in tables)  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(union, tables)
        return dict(cursor.fetchall())


@pytest.fixture
def fresh_limits():
    """Forget the rate-limit counters, so that many examples in a row are not answered with 429."""

    def clear():
        cache.clear()

    return clear


# CI runs the same examples every time, so that a failure there is one anybody can repeat; local runs
# draw new ones. Neither keeps an example database in the work tree.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.register_profile("local", database=None)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "local")
