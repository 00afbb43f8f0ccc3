"""When language-independent facts are copied: on every publication, so that they are the same in every language at
every moment without a sync (the machinery is in stadtteil/facts.py, below the content apps that declare facts).

When the German page is published, its facts go into every translation. When a translation is published (the
translation editor builds it from the German text of the last sync), the facts of the live German page are applied
again. The site-wide page cache and shared page data are renewed by the German publication itself
(stadtteil/page_cache.py).
"""

from wagtail.models import Locale, Page

from stadtteil.facts import fact_names, is_translation, push_facts


def on_page_published(sender, instance, **kwargs):
    page = instance.specific if type(instance) is Page else instance
    if not fact_names(type(page)):
        return
    if is_translation(page):
        source = page.get_translation_or_none(Locale.get_default())
        if source is not None and source.live:
            push_facts(source.specific, page)
        return
    translations = Page.objects.filter(translation_key=page.translation_key, alias_of__isnull=True)
    for translation in translations.exclude(locale_id=page.locale_id):
        push_facts(page, translation)
