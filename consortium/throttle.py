"""The portal's own rate limits, counted in the shared cache as allauth counts its own.

Only the cache API's ``add`` is used: it is atomic in every backend (an
insert that fails on the table's key in the database cache, SET NX in Redis),
whereas ``incr`` in the database cache reads, adds and writes the value back
with the cache's default lifetime.
"""

import hashlib
import math
import time

from allauth.core.internal.ratelimit import get_ip
from django.core.cache import cache


def client_address(request):
    """The visitor's address, exactly as allauth's rate limits see it.

    Behind the reverse proxy it comes from ``X-Forwarded-For`` as far as
    ``ALLAUTH_TRUSTED_PROXY_COUNT`` trusts it, or from
    ``ALLAUTH_TRUSTED_CLIENT_IP_HEADER``; an IPv6 address stands for its /64
    network, which one visitor usually holds whole.
    """
    return get_ip(request)


def spend(scope, identity, *, limit, period):
    """Take one of the ``limit`` uses that ``identity`` has in ``scope`` per ``period`` seconds.

    Returns False, taking nothing, when none is left. Periods are fixed
    windows (whole hours for an hour): each use claims one of ``limit``
    numbered keys of the current window, which expire when the window ends
    and are never used again, so that ``add`` always inserts a new key.
    """
    now = time.time()
    start = int(now // period * period)
    lifetime = max(1, math.ceil(start + period - now))
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    keys = [f"throttle:{digest}:{start}:{use}" for use in range(limit)]
    taken = cache.get_many(keys)
    return any(cache.add(key, 1, timeout=lifetime) for key in keys if key not in taken)
