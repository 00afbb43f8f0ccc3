"""Atom feeds of the change notes: one per measure and one for all measures of a language (served by the measure's
and the overview's `changes/feed/` routes). Polling readers get 304 (stadtteil/conditional.py)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from stadtteil import conditional
from stadtteil.site_url import absolute_url
from stadtteil.visibility import public_pages

FEED_SIZE = 50


def notes_of(page):
    """The notes of a measure, or of every live public measure below an overview, newest first."""
    from projects.change_notes import ChangeNote
    from projects.models import ProjectPage

    if isinstance(page, ProjectPage):
        notes = ChangeNote.objects.filter(page=page)
    else:
        measures = public_pages(ProjectPage.objects.live().descendant_of(page))
        notes = ChangeNote.objects.filter(page__in=measures.values("pk"))
    return notes.select_related("page")


def feed_url(page, request):
    return absolute_url(page.get_url(request) + page.reverse_subpage("changes_feed"))


class ChangeNotesFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, page):
        super().__init__()
        self.page = page

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return self.page

    def title(self, obj):
        return _("Change notes: %(title)s") % {"title": obj.title}

    def link(self, obj):
        return absolute_url(obj.get_url(self.request))

    def feed_url(self, obj):
        return feed_url(obj, self.request)

    def subtitle(self, obj):
        return _("Substantive changes of the measures, with the editors' notes.")

    def items(self, obj):
        return list(notes_of(obj)[:FEED_SIZE])

    def item_title(self, item):
        return _("%(title)s: substantive change") % {"title": item.page.title}

    def item_description(self, item):
        return item.note

    def item_link(self, item):
        return absolute_url(item.page.get_url(self.request)) + "#change-notes"

    def item_guid(self, item):
        return absolute_url(item.page.get_url(self.request)) + f"#change-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


def changes_feed(page, request):
    response = ChangeNotesFeed(page)(request)
    newest = notes_of(page).order_by("-published_at").values_list("published_at", flat=True).first()
    return conditional.last_modified(response, newest)
