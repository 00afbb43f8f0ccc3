from wagtail import hooks

from projects.models import ProjectIndexPage


@hooks.register("home_page_sections")
def featured_measures(request, home_page):
    """Up to three measures marked "feature on the home page", in the home page's language."""
    from projects.models import FieldOfAction
    from projects.views.data import attach_fields, measures_queryset, prefetch_card_images
    from stadtteil.localization import in_locale

    index = ProjectIndexPage.objects.child_of(home_page).live().first()
    if index is None:
        return None
    _fields, by_key = in_locale(FieldOfAction.objects, index.locale)
    measures = measures_queryset(index).filter(featured=True).order_by("-last_published_at")[:3]
    measures = prefetch_card_images(attach_fields(list(measures), by_key, index.get_url(request)))
    if not measures:
        return None
    return {"order": 10, "template": "projects/includes/home_section.html", "measures": measures, "index": index}


@hooks.register("subscription_topics")
def field_of_action_topics():
    """One subscription topic per field of action (see subscriptions/topics.py): the key is the same in every
    language (translation_key), the label is the name in the active language (German where none exists)."""
    from django.conf import settings

    from projects.models import FieldOfAction
    from stadtteil.localization import active_language

    languages = [active_language(), settings.LANGUAGE_CODE]
    by_key = {}
    fields = FieldOfAction.objects.filter(locale__language_code__in=languages).select_related("locale")
    for field in fields.order_by("sort_order", "name"):
        if field.translation_key not in by_key or field.locale.language_code == languages[0]:
            by_key[field.translation_key] = field
    ordered = sorted(by_key.values(), key=lambda field: (field.sort_order, field.name))
    return [(f"field:{field.translation_key}", field.name) for field in ordered]
