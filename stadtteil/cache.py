"""Django's Redis cache, minus the outage: when Redis cannot be reached every call answers like a cache miss
(get -> default, add -> False, set -> nothing stored) and logs a warning, so pages render from the database.

Wagtail's site lookup, the page cache, shared page data and the rate limits all read the cache; without this a
stopped Redis turns every page into a 500. After a failure the cache is skipped for RETRY_AFTER seconds, so that a
Redis host that does not answer costs one connection timeout, not one per cache call. Rate limits then fail closed
(django-ratelimit's default): a form protected by one answers with its "too many attempts" error until Redis is back.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)
RETRY_AFTER = 5.0  # seconds


class _MissingKey(ValueError):
    pass


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = {"socket_connect_timeout": 1, "socket_timeout": 1, **params.get("OPTIONS", {})}
        super().__init__(server, {**params, "OPTIONS": options})
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _call(self, method, fallback, *args):
        if time.monotonic() < self._down_until:
            return fallback()
        try:
            return getattr(super(), method)(*args)
        except OUTAGE_ERRORS as error:
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning("Cache unavailable, serving without it for %.0f s: %s", RETRY_AFTER, error)
                self._down_until = time.monotonic() + RETRY_AFTER
            return fallback()

    def get(self, key, default=None, version=None):
        return self._call("get", lambda: default, key, default, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", lambda: False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", lambda: None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", lambda: False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", lambda: False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", dict, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", lambda: False, key, version)

    def incr(self, key, delta=1, version=None):
        def missing():
            raise _MissingKey(f"Key '{key}' not found (cache unavailable)")  # what incr says of a missing key

        return self._call("incr", missing, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", lambda: list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", lambda: None, keys, version)

    def clear(self):
        return self._call("clear", lambda: False)
