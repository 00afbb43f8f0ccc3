"""A logging filter that keeps personal data (e-mail addresses, IP addresses) out of the logs, and the masking
rules themselves (also used by log_format.JsonFormatter). Imports nothing from Django: gunicorn.conf.py uses it."""

import logging
import re

# Without "/?=&%" in the local part, so that an address in a logged URL is masked but not the URL around it;
# "%40" is an URL-encoded "@".
EMAIL_RE = re.compile(r"[\w.!#$'*+^`{|}~-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
IPV4_RE = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
# Eight groups, or fewer around "::" (compressed).
IPV6_RE = re.compile(
    r"(?<![\w:])(?:"
    r"(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}"
    r"|(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{0,4}::(?:[0-9A-Fa-f]{1,4}:){0,6}[0-9A-Fa-f]{0,4}"
    r")(?![\w:])"
)
EMAIL_MASK = "[email]"
IP_MASK = "[ip]"


def mask_personal_data(text: str) -> str:
    text = EMAIL_RE.sub(EMAIL_MASK, text)
    text = IPV4_RE.sub(IP_MASK, text)
    return IPV6_RE.sub(IP_MASK, text)


class PersonalDataFilter(logging.Filter):
    """Masks e-mail and IP addresses in the message, its arguments and a logged exception.

    The record is rewritten (not dropped): the message still tells what happened, without whom.
    """

    def filter(self, record):
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: log it as it is, masked
            message = str(record.msg)
        record.msg = mask_personal_data(message)
        record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_personal_data(record.exc_text)
            # The formatter would render exc_info again, unmasked; the masked text stands in for it.
            record.exc_info = None
        return True
