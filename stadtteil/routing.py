"""Sub-views of routable pages whose path reads differently per language, e.g. the measures' map at
/de/massnahmen/karte/ and /en/measures/map/: one way to declare them, build their URLs and their alternates.

Declare a sub-view with `localized_path` in place of Wagtail's `path` (RoutablePageMixin); build its URL with
`url` (or the part below the page with `subpath`, for the sitemap with `sitemap_entry`) and its URL in every
language (language switcher, hreflang) with `alternates`. Both work for plain routes too, so callers need not
know which kind a sub-view is. A language without a path of its own uses the English one, so adding a language
to settings.LANGUAGES needs no edit of the apps.
"""

import functools

from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.routable_page.models import path

# The path a language without its own uses: English reads for most visitors of a third language.
FALLBACK_LANGUAGE = "en"


def path_language(paths, language):
    """The language whose path a page in `language` uses: its own, else the fallback's, else the default's."""
    for candidate in (language, FALLBACK_LANGUAGE, settings.LANGUAGE_CODE):
        if candidate in paths:
            return candidate
    return next(iter(paths))


def localized_path(paths, name, redirects=True):
    """Route a page method under one path per language ({"de": "karte/", "en": "map/"}), like Wagtail's `path`.

    The routes are named `<name>_<language>`. With `redirects`, a request to another language's path is
    redirected to the page's own (a link copied from the other language still works); without, every path
    answers (for addresses others keep, such as calendar subscriptions).
    """

    def decorator(view):
        for language, pattern in paths.items():
            serve = path(pattern, name=f"{name}_{language}")(_language_view(view, name, paths, language, redirects))
            view.__dict__.setdefault("_routablepage_routes", []).extend(serve._routablepage_routes)
        view.localized_paths = (name, dict(paths))
        return view

    return decorator


def _language_view(view, name, paths, language, redirects):
    def serve(page, request, *args, **kwargs):
        own = paths[path_language(paths, page.locale.language_code)]
        if redirects and paths[language] != own:
            return redirect(url(page, name, request, args=args, kwargs=kwargs))
        return view(page, request, *args, **kwargs)

    return serve


@functools.cache
def _localized_routes(page_class):
    """{name: paths} of the class's `localized_path` routes (derived from the code, so kept for good)."""
    routes = {}
    for klass in reversed(page_class.__mro__):
        for value in vars(klass).values():
            if hasattr(value, "localized_paths"):
                name, paths = value.localized_paths
                routes[name] = paths
    return routes


def route_name(page, name):
    """The name of the route that serves sub-view `name` in the page's language."""
    paths = _localized_routes(type(page)).get(name)
    if paths is None:
        return name
    return f"{name}_{path_language(paths, page.locale.language_code)}"


def subpath(page, name, args=None, kwargs=None):
    """The path of sub-view `name` below the page, in the page's language (e.g. "karte/")."""
    return page.reverse_subpage(route_name(page, name), args=args, kwargs=kwargs)


def url(page, name, request=None, args=None, kwargs=None):
    """The URL of sub-view `name` of the page (None when the page has no URL on this site)."""
    base = page.get_url(request)
    if base is None:
        return None
    return base + subpath(page, name, args, kwargs)


def translations(page, request=None):
    """(translation, its URL) for every live translation of the page, the page included, that has a URL."""
    for other in page.get_translations(inclusive=True).live().select_related("locale"):
        base = other.get_url(request)
        if base:
            yield other, base


def alternates(page, name, request=None, args=None, kwargs=None):
    """{language: URL} of sub-view `name` in every live translation of the page, for the language switcher
    and hreflang (`alternate_urls` in a template's context)."""
    return {
        other.locale.language_code: base + subpath(other, name, args, kwargs)
        for other, base in translations(page, request)
    }


def sitemap_entry(entry, page, name, key=None, args=None, kwargs=None):
    """A sitemap entry for sub-view `name`, built on the page's own `entry` (from Page.get_sitemap_urls); `key`
    (default: the name) tells stadtteil.sitemaps which entries of the translations show the same thing."""
    location = entry["location"] + subpath(page, name, args, kwargs)
    return {**entry, "location": location, "alternate_key": key or name}


def reverse_alternates(viewname, kwargs=None):
    """{language: URL} of a non-page view (a Django URL under the language prefix) in every language."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            urls[code] = reverse(viewname, kwargs=kwargs)
    return urls
