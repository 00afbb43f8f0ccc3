"""The measures every view of the overview lists, with their relations: shared by the pages, exports and open data.

Every list is built from one queryset with its relations prefetched, and fields of action are localized
through a dict keyed by translation_key, so the number of queries does not grow with the measures.
"""

from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils import timezone
from wagtail.images import get_image_model

from projects.models import (
    PRIORITY_RANK,
    FieldOfAction,
    FinancingRow,
    FundingSource,
    Milestone,
    Phase,
    ProjectPage,
)
from stadtteil import collation
from stadtteil.localization import in_locale
from stadtteil.page_cache import shared_data
from stadtteil.visibility import public_pages

CARD_RENDITION = "fill-480x270"


def measures_queryset(index_page):
    """The live measures every list, export, map and teaser shows: only those an anonymous visitor may open."""
    return public_pages(
        ProjectPage.objects.child_of(index_page).live().select_related("field_of_action").defer(*LONG_TEXTS)
    )


def attach_fields(measures, by_key, base_url=None, relations=None):
    """Give each measure `.main_field` and `.fields` in the active locale (relations may point at German ones),
    `.financing` ({source: amount}) and, given the index page's URL, `.link`; `relations` are the measures'
    measure_relations, loaded now when not given."""
    relations = relations or measure_relations(measures)
    pairs = [*relations["main"].values(), *(pair for pairs in relations["further"].values() for pair in pairs)]
    # A field of action without a translation in this locale is shown as it is (rare: one query then).
    missing = {field_id for field_id, key in pairs if key not in by_key}
    by_id = {field.pk: field for field in FieldOfAction.objects.filter(pk__in=missing)} if missing else {}
    for measure in measures:
        main_id, main_key = relations["main"][measure.pk]
        main = by_key.get(main_key) or by_id[main_id]
        fields = [by_key.get(key) or by_id[field_id] for field_id, key in relations["further"].get(measure.pk, [])]
        measure.main_field = main
        measure.fields = [main] + [field for field in fields if field.pk != main.pk]
        measure.financing = relations["financing"].get(measure.pk) or dict.fromkeys(FundingSource.values, Decimal(0))
        if base_url:
            # Every measure is a child of the index page: its URL is the index page's plus its slug.
            measure.link = f"{base_url}{measure.slug}/"
    return attach_progress(measures)


def all_measures(index_page, request, by_key=None):
    """Every live measure of an index page with its relations (attach_fields). The plan, timeline, map and
    open data list them all, so their database rows and relations are kept as plain values with the shared
    frame data until content changes (stadtteil.page_cache.shared_data): building the pages from them costs a
    tenth of loading them. `by_key`: the index page's fields of action by translation_key (loaded when not given)."""
    columns = measure_columns()

    def compute():
        measures = list(measures_queryset(index_page))
        rows = [tuple(getattr(measure, column) for column in columns) for measure in measures]
        return {"rows": rows, "relations": measure_relations(measures)}

    data = shared_data(request, f"measures:{index_page.pk}", compute)
    if by_key is None:
        _fields, by_key = in_locale(FieldOfAction.objects, index_page.locale)
    measures = [ProjectPage.from_db(DEFAULT_DB_ALIAS, columns, row) for row in data["rows"]]
    return attach_fields(measures, by_key, index_page.get_url(request), data["relations"])


def prefetch_card_images(measures):
    """Card images with their renditions, for the measures actually shown."""
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    prefetch_related_objects(measures, Prefetch("image", queryset=images))
    return measures


# --- plan -------------------------------------------------------------------------------------------------------
def build_plan(index_page, request):
    """Groups per field of action with their measures and subtotals, plus the grand total."""
    fields, by_key = in_locale(FieldOfAction.objects, index_page.locale)
    measures = all_measures(index_page, request, by_key)
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


LONG_TEXTS = ("body", "easy_read_summary")


def localized_phases(locale):
    """The editors' phases of a locale, in their order (one query)."""
    return list(Phase.objects.filter(locale=locale).order_by("sort_order", "name"))


def attach_progress(measures):
    """Give each measure `.current_phase` (its phase in the measure's own language, where one exists) and
    `.milestone_list` with `.late_count` and `.reached_count`: two queries for any number of measures."""
    ids = [measure.pk for measure in measures]
    phase_ids = {measure.phase_id for measure in measures if measure.phase_id}
    phases = {}
    if phase_ids:
        locale_ids = {measure.locale_id for measure in measures}
        phases = {phase.pk: phase for phase in Phase.objects.filter(Q(locale_id__in=locale_ids) | Q(pk__in=phase_ids))}
    by_key = {(phase.translation_key, phase.locale_id): phase for phase in phases.values()}
    milestones = {}
    for milestone in Milestone.objects.filter(page_id__in=ids).order_by("page_id", "sort_order", "pk"):
        milestones.setdefault(milestone.page_id, []).append(milestone)
    today = timezone.localdate()
    for measure in measures:
        phase = phases.get(measure.phase_id)
        measure.current_phase = by_key.get((phase.translation_key, measure.locale_id), phase) if phase else None
        measure.milestone_list = milestones.get(measure.pk, [])
        for milestone in measure.milestone_list:
            milestone.delay = milestone.delay_days(today)
        measure.reached_count = sum(1 for milestone in measure.milestone_list if milestone.reached)
        measure.late_count = sum(1 for milestone in measure.milestone_list if milestone.delay)
        # Not reached and past their planned date: what a card warns about (a finished measure has none).
        measure.overdue_count = sum(1 for ms in measure.milestone_list if ms.delay and not ms.reached)
    return measures


def measure_relations(measures):
    """The plain values attach_fields needs besides the pages: each measure's main field of action and further
    fields as (id, translation_key) pairs, and its financing ({source: amount}). Further fields and financing rows
    come in one query each: plain values are several times faster than modelcluster's prefetching."""
    ids = [measure.pk for measure in measures]
    further = {}
    links = ProjectPage.further_fields.through.objects.filter(projectpage_id__in=ids)
    for page_id, field_id, key in links.values_list(
        "projectpage_id", "fieldofaction_id", "fieldofaction__translation_key"
    ):
        further.setdefault(page_id, []).append((field_id, key))
    financing = {}
    rows = FinancingRow.objects.filter(page_id__in=ids).values_list("page_id", "source", "amount")
    for page_id, source, amount in rows:
        totals = financing.setdefault(page_id, dict.fromkeys(FundingSource.values, Decimal(0)))
        totals[source] += amount
    # The main field comes with the measure (select_related in measures_queryset).
    main = {measure.pk: (measure.field_of_action_id, measure.field_of_action.translation_key) for measure in measures}
    return {"main": main, "further": further, "financing": financing}


def measure_columns():
    """The columns a measure in a list is built from: all but the long texts lists never show."""
    return [field.attname for field in ProjectPage._meta.concrete_fields if field.name not in LONG_TEXTS]
