"""Tests: fast password hashing, mail kept in memory, tasks run immediately, media in a temp folder."""

import tempfile

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="stadtteil-test-media-"))  # noqa: F405
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="stadtteil-test-private-"))  # noqa: F405
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend", "QUEUES": ["default"]}}
ALLOWED_HOSTS = ["*"]
SITE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"  # the test client's host
# Static files come from the app folders through the finders; no collectstatic needed for tests.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="stadtteil-test-static-"))  # noqa: F405
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# django-axes needs the request in authenticate(), which the test client's login() does not pass; the lockout
# test turns it on with override_settings.
AXES_ENABLED = False
# The cache would carry pages from one test into the next (the database rolls back, the cache does not):
# tests of the page cache turn it on themselves (tests/performance).
PAGE_CACHE_ENABLED = False
if not REDIS_URL:  # noqa: F405 - one process: local memory, never the files of a running instance
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:  # noqa: F405 - CI: keys of this run apart from earlier runs on the same Redis database
    import os
    import re
    import uuid

    CACHES["default"]["KEY_PREFIX"] = f"test-{uuid.uuid4().hex[:12]}"  # noqa: F405
    # Tests clear the cache (FLUSHDB): each pytest-xdist worker (gw0, gw1, …) gets a Redis database of its own,
    # counting down from the one REDIS_URL names.
    worker = re.fullmatch(r"gw(\d+)", os.environ.get("PYTEST_XDIST_WORKER", ""))
    if worker:
        from urllib.parse import urlsplit

        parts = urlsplit(REDIS_URL)  # noqa: F405
        db = parts.path.strip("/")
        db = (int(db) if db.isdigit() else 0) - int(worker[1])
        CACHES["default"]["LOCATION"] = parts._replace(path=f"/{db % 16}").geturl()  # noqa: F405
