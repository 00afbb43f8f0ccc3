from django import template

from directory.models import DirectoryPage
from stadtteil.templatetags.stadtteil_tags import memo, site_home

register = template.Library()


@register.simple_tag(takes_context=True)
def directory_page(context):
    """The live directory page of the current language (for the footer), kept with the shared page data."""
    home = site_home(context)
    if home is None:
        return None
    return memo(
        context["request"],
        f"directory_page:{home.pk}",
        lambda: DirectoryPage.objects.child_of(home).live().first(),
        shared=True,
    )
