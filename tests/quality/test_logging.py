"""No personal data in the logs: e-mail and IP addresses are masked by the filter on every handler."""

import io
import logging
import logging.config

import pytest
from django.conf import settings

from stadtteil.logfilters import PersonalDataFilter, mask_personal_data


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("Subscribed anna.schmidt+news@heeren-werve.example", "Subscribed [email]"),
        ("from 192.168.10.27 at 12:30", "from [ip] at 12:30"),
        ("Login failed from 192.168.10.27.", "Login failed from [ip]."),
        ("from 2001:db8:85a3::8a2e:370:7334 and ::1", "from [ip] and [ip]"),
        ("full fe80:0:0:0:202:b3ff:fe1e:8329 here", "full [ip] here"),
        ("GET /abmelden/?email=lea%40example.org&token=abc", "GET /abmelden/?email=[email]&token=abc"),
        ("GET /?e=max.mustermann@example.org&x=1", "GET /?e=[email]&x=1"),
        ("Umlaut jürgen.müller@straße.example ok", "Umlaut [email] ok"),
        # What is no personal data stays readable.
        ("GET /de/termine/?page=2 200 took 12:30:01", "GET /de/termine/?page=2 200 took 12:30:01"),
        ("version 1.2.3 of wagtail 7.4", "version 1.2.3 of wagtail 7.4"),
    ],
)
def test_mask_personal_data(raw, masked):
    assert mask_personal_data(raw) == masked


def _logger_with_filter():
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(levelname)s %(message)s"))
    logger = logging.getLogger("tests.quality.masking")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, stream


def test_filter_masks_arguments_and_exceptions():
    logger, stream = _logger_with_filter()
    logger.info("Confirmation sent to %s from %s", "lea@example.org", "10.0.0.5")
    logger.info("Dict args %(email)s", {"email": "max@example.org"})
    try:
        raise ValueError("bad address ole@example.org from 203.0.113.9")
    except ValueError:
        logger.exception("Failed for %s", "kim@example.org")
    output = stream.getvalue()
    assert "Confirmation sent to [email] from [ip]" in output
    assert "Dict args [email]" in output
    assert "Failed for [email]" in output
    assert "ValueError: bad address [email] from [ip]" in output
    for personal in ("lea@", "max@", "kim@", "ole@", "10.0.0.5", "203.0.113.9"):
        assert personal not in output


def test_the_project_logging_masks_every_console_record():
    """The LOGGING setting itself puts the filter on the console handler that every logger writes to."""
    config = settings.LOGGING
    assert "personal_data" in config["handlers"]["console"]["filters"]
    assert config["root"]["handlers"] == ["console"]
    root = logging.getLogger()
    console = next(h for h in root.handlers if isinstance(h, logging.StreamHandler))
    assert any(isinstance(f, PersonalDataFilter) for f in console.filters)
    stream = io.StringIO()
    old_stream = console.setStream(stream)
    try:
        logging.getLogger("django.security.csrf").warning("Forbidden for anna@example.org at 198.51.100.4")
    finally:
        console.setStream(old_stream)
    assert stream.getvalue().rstrip().endswith("Forbidden for [email] at [ip]")
