"""Production plumbing: health check, JSON logs, object storage, static files, compose file."""

import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import RequestFactory, override_settings

from stadtteil.log_format import JsonFormatter

ROOT = Path(__file__).resolve().parents[2]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


def test_healthz_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_503_when_database_is_down(client, db):
    from unittest import mock

    from django.db import connection

    with mock.patch.object(connection, "cursor", side_effect=OperationalError("could not connect to server")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error", "cache": "ok"}


def test_healthz_503_when_cache_is_down(client, db, monkeypatch):
    from stadtteil import views

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("redis down")

    monkeypatch.setattr(views, "cache", Broken())
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "error"


def test_healthz_answers_any_host_and_no_https_redirect(client, db, settings):
    settings.ALLOWED_HOSTS = ["www.example.org"]
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz", HTTP_HOST="10.0.0.7:8000").status_code == 200
    assert client.get("/de/", HTTP_HOST="10.0.0.7:8000").status_code == 400  # everything else still checks


def log_line(message, *args, **extra):
    record = logging.LogRecord("django.request", logging.WARNING, __file__, 1, message, args, None)
    for name, value in extra.items():
        setattr(record, name, value)
    return json.loads(JsonFormatter().format(record))


def test_json_logs_carry_no_ip_or_email_addresses():
    request = RequestFactory().get("/de/newsletter/?email=anna@example.org", REMOTE_ADDR="203.0.113.9")
    line = log_line(
        "Bad request at 12:30:00 from %s for %s (2001:db8::1)",
        "203.0.113.9",
        "anna.schmidt@example.org",
        request=request,
    )
    text = json.dumps(line)
    assert "203.0.113.9" not in text and "anna" not in text and "2001:db8" not in text
    assert line["level"] == "WARNING" and line["logger"] == "django.request"
    assert line["path"] == "/de/newsletter/" and line["method"] == "GET"
    assert line["message"] == "Bad request at 12:30:00 from [ip] for [email] ([ip])"


def test_json_logs_include_exceptions_redacted():
    try:
        raise ValueError("duplicate key (email)=(anna@example.org)")
    except ValueError:
        record = logging.LogRecord("x", logging.ERROR, __file__, 1, "failed", (), sys.exc_info())
    line = json.loads(JsonFormatter().format(record))
    assert "ValueError" in line["exception"] and "anna@example.org" not in line["exception"]


def production_settings(**env):
    """Values of the production settings under the given environment, read in a fresh process."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "from django.core.files.storage import storages; d = storages['default']; "
        "print(json.dumps({'log': s.LOGGING['handlers']['console']['formatter'], 'storage': type(d).__name__, "
        "'options': s.STORAGES['default'].get('OPTIONS', {}), 'frontend': s.WAGTAILFRONTENDCACHE, "
        "'apps': s.INSTALLED_APPS, 'serve': getattr(s, 'WAGTAILDOCS_SERVE_METHOD', None), 'cache': s.CACHES}))"
    )
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "stadtteil.settings.production",
        "SECRET_KEY": "x",
        "DATABASE_URL": "sqlite:///:memory:",
        **env,
    }
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, check=True
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_json_logs_local_media_no_frontend_cache():
    values = production_settings()
    assert values["log"] == "json"
    assert values["storage"] == "FileSystemStorage"
    assert values["frontend"] == {}
    assert "wagtail.contrib.frontend_cache" not in values["apps"]
    # Shared by every gunicorn worker and the background worker (a local-memory cache would not be).
    assert values["cache"]["default"]["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert values["cache"]["default"]["LOCATION"].endswith("/cache")


def test_embedded_sqlite_lets_the_web_and_the_worker_write_at_once(tmp_path):
    """SQLite as `make run` uses it: WAL, IMMEDIATE transactions and a busy timeout. A second process that
    writes while another holds the write lock waits for it instead of failing with "database is locked"."""
    code = (
        "import json, sys, time, django; django.setup(); from django.db import connection, transaction; "
        "cursor = connection.cursor(); "
        "cursor.execute('CREATE TABLE IF NOT EXISTS t (n integer)'); "
        "mode = cursor.execute('PRAGMA journal_mode').fetchone()[0]; "
        "sync = cursor.execute('PRAGMA synchronous').fetchone()[0]; "
        "hold = float(sys.argv[1])\n"
        "with transaction.atomic():\n"
        "    cursor.execute('SELECT count(*) FROM t'); time.sleep(hold); cursor.execute('INSERT INTO t VALUES (1)')\n"
        "print(json.dumps([mode, sync, connection.transaction_mode]))"
    )
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "stadtteil.settings.production",
        "SECRET_KEY": "x",
        "VAR_DIR": str(tmp_path),
        "SQLITE_BUSY_TIMEOUT": "20",
    }
    first = subprocess.Popen([sys.executable, "-c", code, "4"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
    second = subprocess.run(
        [sys.executable, "-c", code, "0"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    first_out, _ = first.communicate(timeout=60)
    assert first.returncode == 0
    assert second.returncode == 0, second.stderr
    # journal_mode WAL, synchronous NORMAL (1), transactions begin IMMEDIATE
    assert json.loads(second.stdout.strip().splitlines()[-1]) == ["wal", 1, "IMMEDIATE"]
    assert json.loads(first_out.strip().splitlines()[-1]) == ["wal", 1, "IMMEDIATE"]


def test_production_with_bucket_redis_and_purge_url():
    values = production_settings(
        AWS_STORAGE_BUCKET_NAME="stadtteil-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.net",
        AWS_S3_REGION_NAME="eu-central-1",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
        REDIS_URL="redis://redis:6379/0",
        FRONTEND_CACHE_PURGE_URL="http://varnish:6081/",
        CLOUDFLARE_ZONE_ID="zone",
        CLOUDFLARE_API_TOKEN="token",
        LOG_FORMAT="plain",
    )
    assert values["storage"] == "S3Storage"
    assert values["options"]["bucket_name"] == "stadtteil-media"
    assert values["options"]["endpoint_url"] == "https://s3.example.net"
    assert values["options"]["region_name"] == "eu-central-1"
    assert values["options"]["custom_domain"] == "media.example.org"
    assert values["serve"] == "serve_view"
    assert values["frontend"]["http"]["LOCATION"] == "http://varnish:6081/"
    assert values["frontend"]["cloudflare"]["ZONEID"] == "zone"
    assert "wagtail.contrib.frontend_cache" in values["apps"]
    assert values["cache"]["default"]["BACKEND"] == "stadtteil.cache.ResilientRedisCache"
    assert values["log"] == "plain"


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """collectstatic with the production storage (hashed names, gzip and Brotli files), for our own files only
    (the whole Wagtail admin takes too long for a unit test)."""
    root = tmp_path_factory.mktemp("static")
    with override_settings(
        STATIC_ROOT=root,
        STORAGES=STORAGES,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
        STATICFILES_DIRS=[ROOT / "stadtteil" / "static"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def static_response(root, path, accept_encoding):
    from whitenoise.middleware import WhiteNoiseMiddleware

    with override_settings(
        STATIC_ROOT=root, STORAGES=STORAGES, WHITENOISE_USE_FINDERS=False, WHITENOISE_AUTOREFRESH=False
    ):
        middleware = WhiteNoiseMiddleware(lambda request: None)
        request = RequestFactory().get(path, HTTP_ACCEPT_ENCODING=accept_encoding)
        return middleware(request)


def test_static_files_are_hashed_compressed_and_immutable(collected_static):
    manifest = json.loads((collected_static / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert hashed != "css/site.css"
    assert (collected_static / (hashed + ".br")).exists() and (collected_static / (hashed + ".gz")).exists()
    url = f"/static/{hashed}"
    brotli = static_response(collected_static, url, "gzip, deflate, br")
    assert brotli.status_code == 200 and brotli["Content-Encoding"] == "br"
    assert "immutable" in brotli["Cache-Control"] and "max-age=315360000" in brotli["Cache-Control"]
    assert "Accept-Encoding" in brotli["Vary"]
    gzip = static_response(collected_static, url, "gzip")
    assert gzip["Content-Encoding"] == "gzip"
    plain = static_response(collected_static, url, "")
    assert not plain.has_header("Content-Encoding")
    assert int(brotli["Content-Length"]) < int(gzip["Content-Length"]) < int(plain["Content-Length"])
    # An unhashed name is still served, cached for a year but not immutable.
    unhashed = static_response(collected_static, "/static/css/site.css", "br")
    assert "immutable" not in unhashed["Cache-Control"]


@pytest.mark.skipif(not shutil.which("docker-compose"), reason="docker-compose is not installed")
def test_compose_file_is_valid_and_runs_two_web_replicas_behind_the_proxy():
    env = {"PATH": os.environ["PATH"], "SECRET_KEY": "x"}
    result = subprocess.run(
        [shutil.which("docker-compose"), "-f", "compose.yaml", "config"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    services = subprocess.run(
        [shutil.which("docker-compose"), "-f", "compose.yaml", "config", "--services"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    ).stdout.split()
    assert {"proxy", "web", "worker", "migrate", "db", "redis"} <= set(services)
    web = result.stdout.split("\n  web:\n", 1)[1].split("\n  worker:\n", 1)[0]
    assert "replicas: 2" in web
    assert "ports:" not in web  # only the proxy is reachable from outside
    assert "REDIS_URL: redis://redis:6379/0" in web
    assert (ROOT / "deploy" / "nginx.conf").exists()
