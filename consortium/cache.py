"""The portal's cache backend: Django's Redis cache, which the portal outlives.

Everything the portal keeps in the cache can be had again from the database (sessions are
``cached_db``; search results, facet counts and the home page's figures are recomputed), so a
Redis that does not answer is a slower portal, never an error page. Each operation that cannot
reach the server answers as a miss (``get`` gives the default, ``add`` and ``touch`` False, ``incr``
None), and the server is then left alone for ``RETRY_SECONDS``, so that requests do not each wait
for a connection that will fail. The outage is logged once when it starts and once when it ends.

``clear()`` deletes the keys under this cache's ``KEY_PREFIX`` only, not the whole Redis database:
test runs, the development server and other sites may share one server.
"""

import logging
import time
from itertools import batched

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5
"""How long the server is left alone after it failed to answer."""

CLEAR_BATCH = 500


class CacheUnavailable(Exception):
    """Raised inside the client while the server is left alone; never leaves this module."""


class ResilientRedisCacheClient(RedisCacheClient):
    """``RedisCacheClient`` whose every operation answers as a miss when the server does not."""

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._retry_at = None

    def _guarded(self, operation, fallback, *args):
        if self._retry_at is not None and time.monotonic() < self._retry_at:
            return fallback
        try:
            result = operation(*args)
        except (self._lib.ConnectionError, self._lib.TimeoutError) as error:
            if self._retry_at is None:
                logger.warning("The cache server does not answer; serving from the database: %s", error)
            self._retry_at = time.monotonic() + RETRY_SECONDS
            return fallback
        if self._retry_at is not None:
            logger.warning("The cache server answers again.")
            self._retry_at = None
        return result

    def add(self, key, value, timeout):
        return self._guarded(super().add, False, key, value, timeout)

    def get(self, key, default):
        return self._guarded(super().get, default, key, default)

    def set(self, key, value, timeout):
        return self._guarded(super().set, None, key, value, timeout)

    def touch(self, key, timeout):
        return self._guarded(super().touch, False, key, timeout)

    def delete(self, key):
        return self._guarded(super().delete, False, key)

    def get_many(self, keys):
        return self._guarded(super().get_many, {}, keys)

    def has_key(self, key):
        return self._guarded(super().has_key, False, key)

    def incr(self, key, delta):
        """The new value, or None when the server does not answer."""
        return self._guarded(super().incr, None, key, delta)

    def set_many(self, data, timeout):
        return self._guarded(super().set_many, None, data, timeout)

    def delete_many(self, keys):
        return self._guarded(super().delete_many, None, keys)

    def delete_matching(self, pattern):
        """Delete the keys that match the glob ``pattern``, a batch at a time (SCAN, never KEYS)."""

        def delete():
            client = self.get_client(None, write=True)
            for keys in batched(client.scan_iter(match=pattern, count=CLEAR_BATCH), CLEAR_BATCH):
                client.delete(*keys)
            return True

        return self._guarded(delete, False)

    def answers(self):
        """Whether the server answers a PING now (for /healthz: asked even while it is left alone)."""
        try:
            return bool(self.get_client(None).ping())
        except (self._lib.ConnectionError, self._lib.TimeoutError):
            return False


def _glob_escape(text):
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


class ResilientRedisCache(RedisCache):
    """Django's ``RedisCache`` on ``ResilientRedisCacheClient``; ``clear()`` keeps to its own prefix."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ResilientRedisCacheClient

    def clear(self):
        """Delete this cache's keys (those under its KEY_PREFIX), not the other users' of the server."""
        return self._cache.delete_matching(f"{_glob_escape(self.key_prefix)}:*")

    def answers(self):
        return self._cache.answers()
