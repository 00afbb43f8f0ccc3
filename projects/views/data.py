"""The measures every view of the overview lists, with their relations: shared by the pages, exports and open data.

Every list is built from one queryset with its relations prefetched, and fields of action are localized
through a dict keyed by translation_key, so the number of queries does not grow with the measures.
"""

from decimal import Decimal

from django.db.models import Prefetch, prefetch_related_objects
from wagtail.images import get_image_model

from projects.models import PRIORITY_RANK, FieldOfAction, FinancingRow, FundingSource, ProjectPage
from stadtteil import collation
from stadtteil.page_cache import shared_data
from stadtteil.visibility import public_pages

CARD_RENDITION = "fill-480x270"


def localized_fields(locale):
    """Fields of action of a locale, in plan order, and a dict translation_key -> field (one query)."""
    fields = list(FieldOfAction.objects.filter(locale=locale).order_by("sort_order", "name"))
    return fields, {field.translation_key: field for field in fields}


def measures_queryset(index_page):
    """The live measures every list, export, map and teaser shows: only those an anonymous visitor may open."""
    # The description and easy-read text are not shown in lists; loading them for 100 measures costs time.
    return public_pages(
        ProjectPage.objects.child_of(index_page)
        .live()
        .select_related("field_of_action")
        .defer("body", "easy_read_summary")
    )


def attach_fields(measures, by_key, base_url=None):
    """Give each measure `.main_field` and `.fields` in the active locale (relations may point at German ones),
    `.financing` ({source: amount}) and, given the index page's URL, `.link`. Further fields and financing rows
    come in one query each: plain values are several times faster than modelcluster's prefetching."""
    ids = [measure.pk for measure in measures]
    further = {}
    missing = set()
    links = ProjectPage.further_fields.through.objects.filter(projectpage_id__in=ids)
    for page_id, field_id, key in links.values_list(
        "projectpage_id", "fieldofaction_id", "fieldofaction__translation_key"
    ):
        further.setdefault(page_id, []).append((field_id, key))
        if key not in by_key:
            missing.add(field_id)
    # A field of action without a translation in this locale is shown as it is (rare: one query then).
    by_id = {field.pk: field for field in FieldOfAction.objects.filter(pk__in=missing)} if missing else {}
    sources = FundingSource.values
    financing = {}
    rows = FinancingRow.objects.filter(page_id__in=ids).values_list("page_id", "source", "amount")
    for page_id, source, amount in rows:
        totals = financing.setdefault(page_id, dict.fromkeys(sources, Decimal(0)))
        totals[source] += amount
    for measure in measures:
        main = by_key.get(measure.field_of_action.translation_key, measure.field_of_action)
        fields = [by_key.get(key) or by_id[field_id] for field_id, key in further.get(measure.pk, [])]
        measure.main_field = main
        measure.fields = [main] + [field for field in fields if field.pk != main.pk]
        measure.financing = financing.get(measure.pk) or dict.fromkeys(sources, Decimal(0))
        if base_url:
            # Every measure is a child of the index page: its URL is the index page's plus its slug.
            measure.link = f"{base_url}{measure.slug}/"
    return measures


def all_measures(index_page, request):
    """Every live measure of an index page with its relations (attach_fields). The plan, timeline, map and
    open data list them all, so the list is kept with the shared frame data until content changes
    (stadtteil.page_cache.shared_data): reading it back costs a tenth of loading it."""

    def compute():
        _fields, by_key = localized_fields(index_page.locale)
        return attach_fields(list(measures_queryset(index_page)), by_key, index_page.get_url(request))

    return list(shared_data(request, f"measures:{index_page.pk}", compute))


def prefetch_card_images(measures):
    """Card images with their renditions, for the measures actually shown."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    prefetch_related_objects(measures, Prefetch("image", queryset=images))
    return measures


# --- plan -------------------------------------------------------------------------------------------------------
def build_plan(index_page, request):
    """Groups per field of action with their measures and subtotals, plus the grand total."""
    fields, _by_key = localized_fields(index_page.locale)
    measures = all_measures(index_page, request)
    measures.sort(key=lambda m: (PRIORITY_RANK.get(m.priority, 9), m.start_index, collation.sort_key(m.title)))

    def empty_totals():
        return {"total_cost": Decimal(0), "spent": Decimal(0), "sources": dict.fromkeys(FundingSource.values, 0)}

    def add(totals, measure):
        totals["total_cost"] += measure.total_cost
        totals["spent"] += measure.spent_amount
        for source, amount in measure.financing.items():
            totals["sources"][source] += amount

    groups = {field.pk: {"field": field, "measures": [], "totals": empty_totals()} for field in fields}
    grand = empty_totals()
    for measure in measures:
        group = groups.setdefault(
            measure.main_field.pk, {"field": measure.main_field, "measures": [], "totals": empty_totals()}
        )
        group["measures"].append(measure)
        add(group["totals"], measure)
        add(grand, measure)
    return {
        "groups": [group for group in groups.values() if group["measures"]],
        "grand_total": grand,
        "sources": FundingSource.choices,
        "measure_count": len(measures),
    }
