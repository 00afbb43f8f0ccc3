"""The directory's teaser on the home page (order 55, after participation, before the fund)."""

from wagtail import hooks

from directory.models import DirectoryEntry, DirectoryPage


@hooks.register("home_page_sections")
def directory_teaser(request, home_page):
    page = DirectoryPage.objects.child_of(home_page).live().first()
    if page is None:
        return None
    count = DirectoryEntry.objects.filter(locale=home_page.locale, approved=True).count()
    return {"order": 55, "template": "directory/includes/home_section.html", "page": page, "count": count}
