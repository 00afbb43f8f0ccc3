"""gunicorn's access log, as served in production, keeps no personal data."""

import time
import urllib.request


def test_access_log_masks_email_and_ip_addresses(live_site):
    urllib.request.urlopen(live_site + "/robots.txt?email=anna.schmidt@example.org&from=203.0.113.9")  # noqa: S310
    # gunicorn writes the access log line after the response has gone out.
    deadline = time.monotonic() + 10
    while "/robots.txt?email=" not in (log := live_site.log_path.read_text()) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert "GET /robots.txt?email=[email]&from=[ip] HTTP/1.1" in log
    assert "anna.schmidt@example.org" not in log
    assert "203.0.113.9" not in log
    assert "127.0.0.1" not in log
