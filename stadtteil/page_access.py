"""Wagtail's password form for password-protected pages, with an attempt limit per client address."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail import views as wagtail_views
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction

from stadtteil.guards import RateLimit

RATE_LIMIT = RateLimit("page-password", "PAGE_PASSWORD_RATE_LIMIT")


def authenticate_with_password(request, page_view_restriction_id, page_id):
    """Wagtail's view (an unsafe return URL leads to LOGIN_REDIRECT_URL, the language home), but a client that
    sent PAGE_PASSWORD_RATE_LIMIT wrong passwords gets the form back with a friendly 429 and nothing checked."""
    if request.method != "POST":
        return wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if RATE_LIMIT.reached(request):
        restriction = get_object_or_404(PageViewRestriction, id=page_view_restriction_id)
        page = get_object_or_404(Page, id=page_id).specific
        form = PasswordViewRestrictionForm(instance=restriction, initial={"return_url": request.POST.get("return_url")})
        form.cleaned_data = {}
        form.add_error(None, _("Too many wrong passwords. Please wait a quarter of an hour and try again."))
        action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, page.id])
        response = page.serve_password_required_response(request, form, action_url)
        response.status_code = 429
        add_never_cache_headers(response)
        return response
    response = wagtail_views.authenticate_with_password(request, page_view_restriction_id, page_id)
    if response.status_code != 302:  # the form again: a wrong password counts
        RATE_LIMIT.count(request)
    return response
