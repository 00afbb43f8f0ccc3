"""A WSGI app that answers after the number of seconds in its query string: requests that are surely in flight."""

import time


def application(environ, start_response):
    time.sleep(float(environ.get("QUERY_STRING") or 1))
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"done\n"]
