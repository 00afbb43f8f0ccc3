"""Template tags every page uses: navigation, language switcher, breadcrumbs and the translatable site texts.

Results are memoised on the request, so that base.html costs the same few queries on every page; what does not
depend on the page shown (home pages, menu, site texts, settings pages, logos) is also kept across requests
under the page cache's site-wide version (stadtteil.page_cache.shared_data), renewed whenever content changes.
"""

from django import template
from django.conf import settings
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.images.shortcuts import get_rendition_or_not_found
from wagtail.models import Page, Site

from stadtteil import routing
from stadtteil.localization import active_language
from stadtteil.models import SiteSettings, SiteTexts
from stadtteil.page_cache import shared_data
from stadtteil.site_url import absolute_url, page_url
from stadtteil.site_url import site_url as public_site_url
from stadtteil.visibility import public_pages

register = template.Library()


def memo(request, key, compute, shared=False):
    """`compute()` once per request (several tags of the frame ask for the same home pages and texts), and with
    `shared` once until content changes (shared_data). It keeps a standard page within its query budget
    (tests/performance: at most 20 queries, not growing with its images; README "Performance": p95 25 ms)."""
    cache = getattr(request, "_stadtteil_memo", None)
    if cache is None:
        cache = request._stadtteil_memo = {}
    if key not in cache:
        cache[key] = shared_data(request, key, compute) if shared else compute()
    return cache[key]


def page_link(page, request):
    """A page as the frame links to it, in plain values (shared_data keeps no page objects): `path` and `depth`
    find its children (children_of), `url_path` marks the menu's current section."""
    return {
        "pk": page.pk,
        "title": page.title,
        "url": page.get_url(request),
        "url_path": page.url_path,
        "path": page.path,
        "depth": page.depth,
    }


def children_of(link, queryset):
    """`queryset` narrowed to the children of the page of `link` (page_link): Wagtail's child_of without the page."""
    return queryset.filter(path__startswith=link["path"], depth=link["depth"] + 1)


def home_pages(request):
    """The live home page of each language (page_link), keyed by language code."""

    def compute():
        site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
        if site is None:
            return {}
        pages = site.root_page.get_translations(inclusive=True).live().select_related("locale")
        return {p.locale.language_code: page_link(p, request) for p in pages}

    return memo(request, "home_pages", compute, shared=True)


@register.simple_tag(takes_context=True)
def site_home(context):
    """The home page in the active language (falls back to the default language), as a page_link."""
    homes = home_pages(context["request"])
    return homes.get(active_language()) or homes.get(settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def site_texts(context):
    """The SiteTexts of the active language as a dict of its fields ({} without any)."""
    request = context["request"]
    language = active_language()

    def compute():
        texts = SiteTexts.for_language(language)
        return model_to_dict(texts) if texts else {}

    return memo(request, f"site_texts:{language}", compute, shared=True)


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Top-level pages of the current language marked "show in menus" (page_link), with the current section
    flagged."""
    request = context["request"]
    home = site_home(context)
    if home is None:
        return []

    def compute():
        pages = public_pages(children_of(home, Page.objects.live().in_menu()))
        return [page_link(page, request) for page in pages]

    items = memo(request, f"menu:{home['pk']}", compute, shared=True)
    current = context.get("page")
    current_path = current.url_path if isinstance(current, Page) else ""
    return [{**item, "current": current_path.startswith(item["url_path"])} for item in items]


@register.simple_tag(takes_context=True)
def language_links(context):
    """One entry per language: the URL of this page's translation, or that language's home page.

    Views that are not pages (or routable sub-views whose paths differ per language) may put an
    `alternate_urls` dict {language_code: url} into the context to say where each language lives.
    """
    request = context["request"]
    page = context.get("page")
    alternates = dict(context.get("alternate_urls") or {})
    translated = set(alternates)
    if isinstance(page, Page) and not alternates:
        for other, url in routing.translations(page, request):
            alternates[other.locale.language_code] = url
            translated.add(other.locale.language_code)
    homes = home_pages(request)
    current = active_language()
    # A filtered, searched or paginated list stays so in the other language (filter values are codes, the same
    # in every language).
    query = request.GET.urlencode()
    if query:
        alternates = {code: f"{url}{'&' if '?' in url else '?'}{query}" for code, url in alternates.items()}
    links = []
    for code, _name in settings.LANGUAGES:
        url = alternates.get(code)
        if url is None and code in homes:
            url = homes[code]["url"]
        if url is None:
            continue
        with translation.override(code):
            native_name = str(dict(settings.LANGUAGES)[code])
        links.append(
            {
                "code": code,
                "name": native_name,
                "url": url,
                "current": code == current,
                "translated": code in translated,
                "absolute_url": absolute_url(url),
            }
        )
    return links


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2))


SETTINGS_PAGES = ("imprint", "privacy", "accessibility", "easy_read", "sign_language")


@register.simple_tag(takes_context=True)
def site_pages(context):
    """The pages chosen in the site settings (legal, easy read, sign language) as page_links, each in the active
    language where translated and live, else the chosen page: one query for all of them."""
    request = context["request"]

    def compute():
        site_settings = SiteSettings.for_request(request)
        chosen = {name: getattr(site_settings, f"{name}_page_id") for name in SETTINGS_PAGES}
        language = active_language()
        candidates = list(
            Page.objects.live()
            .filter(
                translation_key__in=Page.objects.filter(pk__in=[pk for pk in chosen.values() if pk]).values(
                    "translation_key"
                )
            )
            .filter(Q(pk__in=chosen.values()) | Q(locale__language_code=language))
            .select_related("locale")
        )
        by_pk = {page.pk: page for page in candidates}
        translated = {page.translation_key: page for page in candidates if page.locale.language_code == language}
        result = {}
        for name, pk in chosen.items():
            page = by_pk.get(pk)
            if page is not None:
                result[name] = page_link(translated.get(page.translation_key, page), request)
        return result

    return memo(request, f"site_pages:{active_language()}", compute, shared=True)


@register.simple_tag(takes_context=True)
def funding_logos(context):
    """The funding logos as their renditions' {url, width, height} and alt texts in the active language."""
    request = context["request"]

    def compute():
        site_settings = SiteSettings.for_request(request)
        texts = site_texts(context)
        fields = [
            ("federal_funding_logo", "federal_funding_logo_alt"),
            ("state_logo", "state_logo_alt"),
            ("town_logo", "town_logo_alt"),
        ]
        ids = [getattr(site_settings, f"{field}_id") for field, _ in fields]
        images = (
            get_image_model()
            .objects.filter(pk__in=[pk for pk in ids if pk])
            .prefetch_renditions("height-80|format-webp")
        )
        renditions = {image.pk: get_rendition_or_not_found(image, "height-80|format-webp") for image in images}
        return [
            {"url": rendition.url, "width": rendition.width, "height": rendition.height, "alt": texts.get(alt, "")}
            for pk, (_, alt) in zip(ids, fields, strict=True)
            if (rendition := renditions.get(pk)) is not None
        ]

    return memo(request, f"funding_logos:{active_language()}", compute, shared=True)


@register.filter
def localized(page):
    """The translation of a page in the active language, or the page itself (e.g. settings' page links)."""
    return page.localized if page is not None else None


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, preview image and locales of the page shown (stadtteil/includes/meta.html).

    Views may put `meta_title`, `meta_description` or `og_image_url` into the context to override.
    """
    from stadtteil import seo

    request = context["request"]
    page = context.get("page")
    texts = site_texts(context)
    site_name = texts["site_name"] if texts else settings.WAGTAIL_SITE_NAME
    page_title = context.get("meta_title") or getattr(page, "seo_title", "") or getattr(page, "title", "")
    picture = seo.image(page) if page is not None else None
    image_url = context.get("og_image_url") or seo.image_url(request, picture)
    image_alt = ""
    if image_url and picture is not None:
        image_alt = getattr(page, "image_alt", "") or getattr(picture, "default_alt_text", "") or ""
    if not image_url:
        image_url = site_image_url(request)
        image_alt = texts.get("social_image_alt", "")
    language = active_language()
    languages = context.get("languages") or language_links(context)
    url = context.get("canonical_url") or (page_url(page, request) if isinstance(page, Page) else "")
    return {
        "url": url or absolute_url(request.get_full_path()),
        "title": seo.title(page_title, site_name),
        "og_title": page_title or site_name,
        "description": context.get("meta_description") or seo.description(page, texts.get("tagline", "")),
        "site_name": site_name,
        "image_url": image_url,
        "image_alt": image_alt,
        "image_width": seo.OG_IMAGE_SIZE[0],
        "image_height": seo.OG_IMAGE_SIZE[1],
        "locale": seo.OG_LOCALES.get(language, language),
        "alternate_locales": [
            seo.OG_LOCALES.get(link["code"], link["code"])
            for link in languages
            if link["translated"] and link["code"] != language
        ],
    }


def site_image_url(request):
    """The site's preview image from the site settings (absolute URL), kept with the shared page data."""
    from stadtteil import seo

    def compute():
        site_settings = SiteSettings.for_request(request)
        picture = site_settings.social_image if site_settings.social_image_id else None
        return seo.image_url(request, picture)

    return memo(request, "social_image", compute, shared=True)


@register.filter(is_safe=True)
def page_title(value, site_name):
    """`{% filter page_title:site_name %}`: 'Page – Site', the site name alone where they are the same."""
    from django.utils.html import conditional_escape
    from django.utils.safestring import mark_safe

    from stadtteil import seo

    return mark_safe(seo.title(conditional_escape(value).strip(), conditional_escape(site_name)))  # noqa: S308


@register.filter
def tel(number):
    """A `tel:` URI for a German phone number as people write it ("02307 148-0" -> "tel:+4923071480")."""
    import re

    digits = re.sub(r"[^\d+]", "", number or "")
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = "+49" + digits[1:]
    return f"tel:{digits}"


@register.simple_tag
def site_url():
    """The site's public address without a trailing slash (SITE_URL): `{% site_url %}{{ page.url }}`."""
    return public_site_url()


@register.filter
def public_url(url):
    """A path of this site on the public address SITE_URL (an absolute URL stays as it is)."""
    return absolute_url(url)


@register.filter(is_safe=True)
def lang_attr(language):
    """` lang="de"` for content in a language other than the page's (WCAG 3.1.2), else nothing:
    `<p{{ contribution.language|lang_attr }}>`. Accepts a code such as "de", "de-DE" or "en-x-simple"."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    code = (language or "").split("-x-")[0]
    if not code or code.split("-")[0].lower() == active_language().split("-")[0].lower():
        return ""
    return mark_safe(f' lang="{escape(code)}"')  # noqa: S308
