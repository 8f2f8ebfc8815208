"""Limits per member per day, counted in the database: how many experts' contact details a member sees
(experts.contact_details) and how many rows they export (search.exports).

The database holds what was taken (``ContactView``, ``DataExport``), so it is the one count every process
agrees on; who is exempt is the access rule's to say (``members.access.exempt_from_daily_limits``).
Counting and recording run under a PostgreSQL advisory lock held for the member and the kind of limit until
the transaction ends: a second request of the same member, in any process on any host, waits for the first
to record what it took before it counts. Other members never wait for each other.
"""

import zlib
from contextlib import contextmanager
from datetime import datetime, time

from django.db import connection, transaction
from django.utils import timezone


def day_start(now=None):
    """The start of the portal's day (midnight in Asia/Tokyo, settings.TIME_ZONE) that ``now`` falls in."""
    local = timezone.localtime(now or timezone.now())
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


def _lock_key(scope, user_id):
    # pg_advisory_xact_lock(int, int): the scope's checksum and the account, each a signed 32-bit integer.
    scope_key = zlib.crc32(scope.encode()) - 2**31
    return scope_key, user_id % 2**31


@contextmanager
def counting(scope, user):
    """A transaction in which ``user`` alone counts and records what they take under ``scope``."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", _lock_key(scope, user.pk))
        yield
