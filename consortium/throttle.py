"""The portal's own rate limits, counted in the shared cache (Redis) as allauth counts its own.

Each identity has one counter per fixed window (whole hours for an hour), created with the window's
remaining lifetime (SET NX with an expiry) and then incremented (INCR): both atomic in Redis, so
two processes can never take the same use, and the counter expires when its window ends, whatever
the cache's default lifetime.

While the cache does not answer (consortium.cache), the limits do not hold: the portal keeps
answering rather than refuse every visitor. The outage is logged by the cache.
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

    Returns False once they are spent; a refused use is counted too, which changes nothing, as
    the counter only grows until its window ends.
    """
    now = time.time()
    start = int(now // period * period)
    lifetime = max(1, math.ceil(start + period - now))
    digest = hashlib.sha256(f"{scope}:{identity}".encode()).hexdigest()
    key = f"throttle:{digest}:{start}"
    cache.add(key, 0, timeout=lifetime)
    try:
        used = cache.incr(key)
    except ValueError:
        # The counter expired between the two calls: its window has just ended, and this use is the next one's.
        return True
    return used is None or used <= limit
