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
        return pages.live().public().order_by("path").defer_streamfields().specific()

    def _urls(self, page, protocol, domain):
        # Wagtail builds each <loc> from the Site record; the public address is SITE_URL's.
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            url_info["location"] = on_site(url_info["location"])
        return urls
