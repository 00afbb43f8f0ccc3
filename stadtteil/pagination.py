"""Pagination of the public lists (news, events, measures): one helper and one template
(stadtteil/includes/pagination.html)."""

from django.core.paginator import Paginator


def paginate(request, items, per_page):
    """A page of results; `?page=abc` gives the first page and `?page=99999` the last, never an error."""
    paginator = Paginator(items, per_page)
    page = paginator.get_page(request.GET.get("page"))
    page.elided_range = list(paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
    # Other filters survive a change of page.
    params = request.GET.copy()
    params.pop("page", None)
    page.base_query = params.urlencode()
    return page
