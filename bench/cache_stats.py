"""The cache's hit ratio over a scenario, where the configured cache keeps such figures.

Django's cache API keeps no statistics. Redis does (``INFO stats``: keyspace hits and misses), so with
Django's ``RedisCache`` the ratio is the change in those counters over the scenario; with any other
backend it is unknown, and printed as "n/a".
"""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache


def hits_and_misses():
    """(hits, misses) the cache server has counted so far, or None where it keeps no such figures."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    try:
        stats = cache._cache.get_client(write=False).info("stats")
    except Exception:  # noqa: BLE001 (a cache that does not answer has no ratio to report)
        return None
    return stats["keyspace_hits"], stats["keyspace_misses"]


def hit_ratio(before, after):
    """The share of lookups that hit between two ``hits_and_misses()``, as text: "87.5 %" or "n/a"."""
    if before is None or after is None:
        return "n/a"
    hits, misses = after[0] - before[0], after[1] - before[1]
    if hits + misses == 0:
        return "n/a (no lookups)"
    return f"{hits / (hits + misses):.1%}"
