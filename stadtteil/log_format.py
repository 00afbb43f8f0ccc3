"""One JSON object per log line, for log collectors; IP and e-mail addresses are masked (no personal data).

Imports nothing from Django, so that gunicorn.conf.py can use it for gunicorn's own logs too.
"""

import json
import logging
import re
from datetime import UTC, datetime

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
IPV4 = re.compile(r"\b(?:\d{1,3}\.){3}\d{1,3}\b")
IPV6_CANDIDATE = re.compile(r"(?<![\w:])[0-9A-Fa-f:]{3,}(?![\w:])")
# Attributes of a log record that are safe and useful to keep when a caller passes them as `extra`.
SAFE_EXTRAS = ("status_code", "method", "duration_ms", "task", "count")


def redact(text):
    text = EMAIL.sub("[email]", text)
    text = IPV4.sub("[ip]", text)
    return IPV6_CANDIDATE.sub(_ipv6, text)


def _ipv6(match):
    # "::" or seven colons make an IPv6 address; a time such as 12:30:00 has neither.
    value = match.group(0)
    return "[ip]" if "::" in value or value.count(":") == 7 else value


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # The path only: query strings may carry search terms or addresses.
            entry["method"] = getattr(request, "method", None)
            entry["path"] = redact(request.path)
        for name in SAFE_EXTRAS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
