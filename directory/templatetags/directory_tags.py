from django import template

from directory.models import DirectoryPage
from stadtteil.templatetags.stadtteil_tags import children_of, memo, page_link, site_home

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_page(context):
    """The live directory page of the current language (for the footer) as a page_link, kept with the shared
    page data."""
    request = context["request"]
    home = site_home(context)
    if home is None:
        return None

    def compute():
        page = children_of(home, DirectoryPage.objects.live()).first()
        return page_link(page, request) if page else None

    return memo(request, f"directory_page:{home['pk']}", compute, shared=True)
