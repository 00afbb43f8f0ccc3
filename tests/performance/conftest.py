import os
import uuid

import pytest
from django.core.cache import cache

from stadtteil.page_cache import VERSION_KEY, bump_version


@pytest.fixture
def page_cache(settings):
    """The full-page cache switched on, on the default cache (local memory in tests), emptied first."""
    settings.PAGE_CACHE_ENABLED = True
    bump_version()  # a fresh version is an empty page cache, without touching other keys (e.g. on Redis)
    yield cache
    bump_version()


@pytest.fixture
def redis_page_cache(settings):
    """The full-page cache on the real Redis of REDIS_URL (CI), under a key prefix of its own."""
    url = os.environ.get("REDIS_URL")
    if not url:
        pytest.skip("REDIS_URL is not set")
    # This pytest-xdist worker's Redis database (stadtteil/settings/test.py): the other worker flushes its own.
    default = settings.CACHES["default"]
    location = default["LOCATION"] if "Redis" in default["BACKEND"] else url
    settings.CACHES = {
        "default": {
            "BACKEND": "stadtteil.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.PAGE_CACHE_ENABLED = True
    from django.core.cache import caches

    assert "RedisCache" in type(caches["default"]).__name__
    yield caches["default"]
    caches["default"].delete(VERSION_KEY)  # page entries expire after PAGE_CACHE_SECONDS
