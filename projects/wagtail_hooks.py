from wagtail import hooks

from projects.models import ProjectIndexPage


@hooks.register("home_page_sections")
def featured_measures(request, home_page):
    """Up to three measures marked "feature on the home page", in the home page's language."""
    from projects.views import attach_fields, localized_fields, measures_queryset

    index = ProjectIndexPage.objects.child_of(home_page).live().first()
    if index is None:
        return None
    _fields, by_key = localized_fields(index.locale)
    measures = measures_queryset(index, with_images=True).filter(featured=True)
    measures = attach_fields(list(measures.order_by("-last_published_at")[:3]), by_key)
    if not measures:
        return None
    return {"order": 10, "template": "projects/includes/home_section.html", "measures": measures, "index": index}
