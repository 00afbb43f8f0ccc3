"""gunicorn settings; every value can be overridden from the environment."""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", min(multiprocessing.cpu_count() * 2, 4)))
# Sync workers (threads=1) stop at once on Ctrl-C; put a buffering reverse proxy in front in production.
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# One thread: the sync worker that also answers the connections queued when a graceful stop begins.
worker_class = "stadtteil.gunicorn_worker.DrainingSyncWorker" if threads == 1 else "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# SIGTERM (a deploy, `docker stop`, bin/serve stopping) lets requests in flight finish for up to this long.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
keepalive = 5
# Recycle workers now and then so that memory stays flat.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# No client IP in the access log (privacy); method, path, status, size, duration.
access_log_format = '"%(r)s" %(s)s %(b)s %(M)sms'
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def on_starting(server):
    # No personal data in gunicorn's own logs either (e.g. an e-mail address in a query string): the same
    # filter as in Django's LOGGING, on gunicorn's loggers; the workers inherit it when they fork.
    import logging
    import sys

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from stadtteil.logfilters import PersonalDataFilter

    for name in ("gunicorn.access", "gunicorn.error"):
        logging.getLogger(name).addFilter(PersonalDataFilter())


# JSON lines like Django's logs in production (stadtteil/log_format.py); LOG_FORMAT=plain for a terminal.
_production = os.environ.get("DJANGO_SETTINGS_MODULE", "stadtteil.settings.production").endswith("production")
if os.environ.get("LOG_FORMAT", "json" if _production else "plain") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "stadtteil.log_format.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}},
        "loggers": {
            "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
            "gunicorn.access": {"handlers": ["console"], "level": "INFO", "propagate": False},
        },
    }
