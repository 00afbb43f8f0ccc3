"""Middleware of the shared layer; the full-page cache lives in stadtteil/page_cache.py."""

from stadtteil import views


class HealthCheckMiddleware:
    """Answers /healthz before host validation and the HTTPS redirect, so that a container health check or a
    load balancer can ask each instance directly (http://127.0.0.1:8000/healthz) whatever ALLOWED_HOSTS says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path == "/healthz":
            return views.healthz(request)
        return self.get_response(request)
