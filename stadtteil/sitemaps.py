"""The sitemap: every public page and sub-view of every language, with hreflang alternates and lastmod.

A page type adds its sub-views (plan, year archives, directory entries) in `get_sitemap_urls`; each entry may carry
an `alternate_key` naming what it shows, so that the same thing in another language is linked as its alternate
(without one, the entries of a page and of its translation are matched by their position). Pages that must not be
indexed (newsletter, search) return no entries.
"""

from collections import defaultdict

from django.conf import settings
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from stadtteil.site_url import on_site


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists only the active language's tree; list every language's pages."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = root.get_translations(inclusive=True).live()
        pages = Page.objects.none()
        for translation in roots:
            pages |= Page.objects.descendant_of(translation, inclusive=True)
        return pages.live().public().order_by("path").defer_streamfields().specific().select_related("locale")

    def _urls(self, page, protocol, domain):
        urls = []
        last_mods = set()
        groups = defaultdict(dict)  # (translation key, entry key) -> {language: location}
        for item in self.paginator.page(page).object_list:
            language = item.locale.language_code
            for position, info in enumerate(item.get_sitemap_urls(self.request)):
                info["location"] = on_site(info["location"])  # Wagtail builds it from the Site record
                key = (item.translation_key, info.pop("alternate_key", position))
                groups[key][language] = info["location"]
                info["alternates"] = groups[key]  # filled in further as the other languages are read
                urls.append(info)
                last_mods.add(info.get("lastmod"))
        for info in urls:
            by_language = info["alternates"]
            if len(by_language) < 2:
                info["alternates"] = []
                continue
            alternates = [
                {"lang_code": code, "location": by_language[code]}
                for code, _ in settings.LANGUAGES
                if code in by_language
            ]
            default = by_language.get(settings.LANGUAGE_CODE)
            if default:
                alternates.append({"lang_code": "x-default", "location": default})
            info["alternates"] = alternates
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
