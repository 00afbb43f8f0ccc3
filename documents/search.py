"""The site search: live pages of the active language plus documents (with the text inside PDFs)."""

import logging
import re

from django.core.paginator import Paginator
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from documents.models import DOCUMENT_LANGUAGES
from stadtteil.visibility import public_documents

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_RESULTS = 200  # per kind; nobody pages beyond this and it bounds the work per request
PER_PAGE = 10
SNIPPET_LENGTH = 260

# Case-insensitive matching that also ignores umlauts; a 1:1 mapping keeps text offsets identical.
_FOLD = str.maketrans("äöüÄÖÜß", "aouaous")


def _fold(text):
    return text.lower().translate(_FOLD)


def query_terms(query):
    """Words of the query, shortened a little so that "Spielplätze" also marks "Spielplatz"."""
    terms = []
    for word in re.findall(r"\w+", _fold(query)):
        if len(word) < 2:
            continue
        terms.append(word[: max(4, len(word) - 2)] if len(word) > 5 else word)
    return sorted(set(terms), key=len, reverse=True)


def highlight(text, query, length=SNIPPET_LENGTH):
    """An excerpt of plain `text` around the first match, every match in <mark>, everything else escaped."""
    text = re.sub(r"\s+", " ", text or "").strip()
    terms = query_terms(query)
    if not text:
        return ""
    pattern = re.compile(r"\w*(?:" + "|".join(re.escape(t) for t in terms) + r")\w*") if terms else None
    folded = _fold(text)
    first = pattern.search(folded) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = text.rfind(" ", 0, first.start() - length // 3) + 1
    end = min(len(text), start + length)
    if end < len(text):
        end = text.rfind(" ", start, end) if " " in text[start:end] else end
    parts, position = [], start
    if pattern:
        for match in pattern.finditer(folded, start, end):
            parts.append(escape(text[position : match.start()]))
            parts.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
            position = match.end()
    parts.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308 - every piece above is escaped


def plain_text(obj):
    """The searchable text of a page or document (what the index saw), without markup."""
    parts = []
    for field in obj.get_search_fields():
        name = getattr(field, "field_name", "")
        if not hasattr(field, "boost") or name in ("title", "english_title"):
            continue
        try:
            value = field.get_value(obj)
        except Exception:  # a broken field must not break the search page
            logger.warning("Could not read %s of %r for a search snippet", name, obj, exc_info=True)
            continue
        if isinstance(value, (list, tuple)):
            value = " ".join(str(v) for v in value)
        if value:
            parts.append(strip_tags(str(value)))
    return " ".join(parts)


def search_results(query, locale, exclude_pks=()):
    """Merged, relevance-ordered results (dicts with "kind", "object", "score"), at most MAX_RESULTS per kind."""
    # Only words reach the full-text engine: quotes and operators would be SQLite FTS5 syntax (and an error).
    query = " ".join(re.findall(r"\w+", query))
    if not query:
        return []
    backend = get_search_backend()
    pages = Page.objects.live().public().filter(locale=locale).exclude(pk__in=exclude_pks)
    # Documents of private collections (and of their sub-collections) are never found.
    # The extracted text can be megabytes per document: load it only for the results shown (see _decorate).
    documents = public_documents(get_document_model().objects.defer("extracted_text"))
    if hasattr(backend, "for_language"):
        # PostgreSQL: pages with the active language's stemming; each document with that of its own language,
        # as it was indexed, so that "Spielplätze" finds a German PDF from the English search page too.
        searches = [("page", backend.for_language(locale.language_code), pages)]
        by_config = {}
        for code, _label in DOCUMENT_LANGUAGES:
            by_config.setdefault(backend.for_language(code).config, []).append(code)
        searches += [
            ("document", backend.with_config(config), documents.filter(language__in=codes))
            for config, codes in by_config.items()
        ]
    else:
        searches = [("page", backend, pages), ("document", backend, documents)]
    results = []
    for kind, search_backend, queryset in searches:
        found = search_backend.search(query, queryset, operator="and").annotate_score("_score")
        for obj in found[:MAX_RESULTS]:
            results.append({"kind": kind, "object": obj, "score": float(getattr(obj, "_score", 0) or 0)})
    # The two searches rank with the same function, so their scores can be merged; pages win ties.
    results.sort(key=lambda r: (-r["score"], r["kind"] != "page"))
    return results


def _decorate(results, query, request):
    """Title, URL, type and highlighted snippet for the results on the current page of the listing."""
    page_ids = [r["object"].pk for r in results if r["kind"] == "page"]
    specific = {p.pk: p for p in Page.objects.filter(pk__in=page_ids).specific()} if page_ids else {}
    document_ids = [r["object"].pk for r in results if r["kind"] == "document"]
    texts = (
        dict(get_document_model().objects.filter(pk__in=document_ids).values_list("pk", "extracted_text"))
        if document_ids
        else {}
    )
    for result in results:
        obj = result["object"]
        if result["kind"] == "page":
            page = specific.get(obj.pk, obj)
            result.update(
                title=page.title,
                url=page.get_url(request),
                type=_("Web page"),
                snippet=highlight(plain_text(page) or page.search_description, query),
                title_language="",
            )
        else:
            result.update(
                title=obj.display_title,
                url=obj.url,
                type=obj.link_meta(),
                snippet=highlight(" ".join([obj.display_description, texts.get(obj.pk, "")]), query),
                title_language=obj.display_title_language,
                document=obj,
            )
    return results


def promotions(query, locale):
    """Promoted results for this query (wagtail.contrib.search_promotions), pages in the active language."""
    from wagtail.contrib.search_promotions.models import Query

    promoted = []
    search_query = Query.get(query)
    search_query.add_hit()
    for pick in search_query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id:
            page = pick.page.localized if pick.page.locale_id != locale.pk else pick.page
            if not page.live:
                continue
            promoted.append({"title": page.title, "url": page.url, "description": pick.description})
        elif pick.external_link_url:
            promoted.append(
                {"title": pick.external_link_text, "url": pick.external_link_url, "description": pick.description}
            )
    return promoted


def run_search(request, search_page):
    query = request.GET.get("q", "").strip()
    context = {"search_query": query, "max_query_length": MAX_QUERY_LENGTH, "results": None}
    if not query:
        if "q" in request.GET:
            context["message"] = _("Please enter a word to search for.")
        return context
    if len(query) > MAX_QUERY_LENGTH:
        context["message"] = _(
            "Your search is too long. Please use at most %(max)s characters, for example a few keywords."
        ) % {"max": MAX_QUERY_LENGTH}
        return context
    if not query_terms(query):
        context["message"] = _("Please enter a word with at least two letters or digits.")
        return context
    results = search_results(query, search_page.locale, exclude_pks=[search_page.pk])
    paginator = Paginator(results, PER_PAGE)
    # get_page() turns "abc", "-1" and "99999" into a valid page instead of an error.
    page_obj = paginator.get_page(request.GET.get("page"))
    _decorate(page_obj.object_list, query, request)
    context.update(
        results=page_obj,
        paginator=paginator,
        result_count=paginator.count,
        promotions=promotions(query, search_page.locale) if page_obj.number == 1 else [],
        page_range=paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
    )
    if not results:
        context["message"] = _("No results for “%(query)s”. Check the spelling or try a more general word.") % {
            "query": query
        }
    return context
