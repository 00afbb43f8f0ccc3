"""What an anonymous visitor may see: the one place that filters out restricted pages and private documents.

Every list, export, feed, teaser, search result and notification shows only what an anonymous visitor could
open, for everyone (lists are shared between visitors and editors through the page cache and `shared_data`).

- A page is restricted when it or any ancestor has a view restriction (login, password or groups):
  Wagtail's restrictions are inherited by the whole subtree.
- A document is private when its collection or any ancestor collection has a view restriction.

Both filters are a correlated subquery on the tree path (no extra query, any number of restrictions), and the
document filter is a plain `collection_id IN (…)` so that the search backends accept it.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction


def _restricted_ancestor(model, relation, path="path"):
    """Restrictions of `model` whose object's tree path is a prefix of the outer row's `path`."""
    return model.objects.filter(**{f"{relation}__path": Substr(OuterRef(path), 1, Length(f"{relation}__path"))})


def public_pages(queryset, path="path"):
    """`queryset` without pages under a PageViewRestriction (the page itself or an ancestor).

    `path` names the tree path of the page to check, e.g. "measure__path" for a queryset of another model."""
    return queryset.exclude(Exists(_restricted_ancestor(PageViewRestriction, "page", path)))


def private_collections():
    """Subquery of the ids of collections under a CollectionViewRestriction (the collection or an ancestor)."""
    return Collection.objects.filter(Exists(_restricted_ancestor(CollectionViewRestriction, "collection"))).values("pk")


def public_documents(queryset, collection="collection"):
    """`queryset` without documents of private collections; `collection` names the document's collection
    field, e.g. "document__collection" for a queryset of links to documents."""
    return queryset.exclude(**{f"{collection}__in": private_collections()})


def page_is_public(page):
    return not page.get_view_restrictions().exists()


def document_is_public(document):
    return not document.collection.get_view_restrictions().exists()
