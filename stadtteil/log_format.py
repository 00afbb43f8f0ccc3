"""One JSON object per log line, for log collectors; IP and e-mail addresses are masked (no personal data) by
stadtteil.logfilters, the one set of masking rules.

Imports nothing from Django, so that gunicorn.conf.py can use it for gunicorn's own logs too.
"""

import json
import logging
from datetime import UTC, datetime

from stadtteil.logfilters import mask_personal_data

# Attributes of a log record that are safe and useful to keep when a caller passes them as `extra`.
SAFE_EXTRAS = ("status_code", "method", "duration_ms", "task", "count")


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask_personal_data(record.getMessage()),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            # The path only: query strings may carry search terms or addresses.
            entry["method"] = getattr(request, "method", None)
            entry["path"] = mask_personal_data(request.path)
        for name in SAFE_EXTRAS:
            if hasattr(record, name):
                entry[name] = getattr(record, name)
        if record.exc_info:
            entry["exception"] = mask_personal_data(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)
