"""Local development: DEBUG on, autoreloading server (`make dev`)."""

from .base import *  # noqa: F403
from .base import VAR_DIR, env_bool
from .secrets import local_secret_key

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = SECRET_KEY or local_secret_key(VAR_DIR)  # noqa: F405
INTERNAL_IPS = ["127.0.0.1"]
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# Developers see their changes at once; PAGE_CACHE=1 tries the full-page cache locally.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", False)
# One runserver process, restarted on every code change: its own memory, so that no cached menu or page data
# outlives a change of code (the file cache under var/ would keep it for PAGE_CACHE_SECONDS).
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
