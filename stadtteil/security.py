"""Security headers that Django and django-csp do not set on their own."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class PermissionsPolicyMiddleware:
    """Adds a Permissions-Policy header: the site needs no camera, microphone, location and the like."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "PERMISSIONS_POLICY", {})
        self.header = ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.header
        return response


class SiteCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with a separate (more permissive) policy for the Wagtail admin.

    The admin's editors (Draftail, StreamField, wagtail-localize's React editor) rely on inline styles and
    scripts; the public site gets the strict policy from CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        admin_policy = getattr(settings, "CONTENT_SECURITY_POLICY_ADMIN", None)
        if (
            not report_only
            and admin_policy
            and parts.config is None
            and request.path_info.startswith(tuple(admin_policy.get("URL_PREFIXES", ("/admin/",))))
        ):
            parts.config = default_config(admin_policy["DIRECTIVES"])
        return parts
