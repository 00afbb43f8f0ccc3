"""Pages of the measures: the overview with its filters, the plan, the timeline, the map and one measure."""

from datetime import datetime
from decimal import Decimal

from django.db.models import Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model

from places.formatting import format_euro
from places.maps import tile_settings
from projects.models import (
    PRIORITY_RANK,
    STATUS_RANK,
    FieldOfAction,
    FundingSource,
    Phase,
    Priority,
    ProjectIndexPage,
    Status,
    current_quarter_index,
)
from projects.views.data import (
    all_measures,
    attach_fields,
    build_plan,
    localized_phases,
    measures_queryset,
    prefetch_card_images,
)
from stadtteil import collation, routing
from stadtteil.localization import choice_in_any_language, in_locale
from stadtteil.page_cache import shared_sections
from stadtteil.pagination import paginate
from stadtteil.site_url import absolute_url
from stadtteil.visibility import public_documents

PER_PAGE = 24  # measure cards per page of the overview

# Map tiles: any XYZ tile service. Default OpenStreetMap; a public-sector alternative is basemap.de of the
# Bundesamt für Kartographie und Geodäsie (BKG), e.g.
#   PROJECTS_MAP_TILE_URL = "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
#   PROJECTS_MAP_ATTRIBUTION = '&copy; <a href="https://basemap.de">basemap.de</a> / BKG'
# (set them in the environment; the Content-Security-Policy then allows that tile host).


SORT_OPTIONS = ["start", "title", "cost", "priority", "status", "updated"]


SORT_FIELDS = ("title", "start_year", "start_quarter", "end_year", "end_quarter", "total_cost", "priority", "status",
               "last_published_at")  # fmt: skip


class SortRow:
    """The values a measure is sorted by, without loading the page. With loading only the cards shown, it took
    the overview from 111 to 47 ms in-process on the benchmark site, 100 measures per language (commit 2bbf6e5)."""

    def __init__(self, values):
        self.__dict__.update(values)
        self.start_index = self.start_year * 4 + self.start_quarter - 1
        self.end_index = self.end_year * 4 + self.end_quarter - 1


def sort_measures(measures, sort):
    title = collation.sort_key  # German order: "Ä" with "A", not after "Z"
    keys = {
        "title": lambda m: title(m.title),
        "start": lambda m: (m.start_index, m.end_index, title(m.title)),
        "cost": lambda m: (-m.total_cost, title(m.title)),
        "priority": lambda m: (PRIORITY_RANK.get(m.priority, 9), m.start_index),
        "status": lambda m: (STATUS_RANK.get(m.status, 9), m.start_index),
        "updated": lambda m: -(m.last_published_at.timestamp() if m.last_published_at else 0),
    }
    return sorted(measures, key=keys[sort])


def base_context(index_page, request):
    # The sub-views need the page but not the overview's filtered list.
    return {"page": index_page, "self": index_page, "request": request}


def index_links(index_page, request):
    base = index_page.get_url(request)
    return {
        "overview": base,
        **{
            name: base + routing.subpath(index_page, name)
            for name in (
                "plan",
                "plan_csv",
                "plan_xlsx",
                "timeline",
                "map",
                "data_json",
                "data_geojson",
                "data_csv",
                "milestones_json",
                "milestones_csv",
            )
        },
        # The DCAT-AP.de catalogue of all open data (projects/catalogue.py): one address for both languages.
        "catalogue_ttl": reverse("catalogue_ttl"),
        "catalogue_jsonld": reverse("catalogue_jsonld"),
    }


# --- overview ---------------------------------------------------------------------------------------------------
def overview_context(index_page, request):
    fields, by_key = in_locale(FieldOfAction.objects, index_page.locale)
    selected_field = choice_in_any_language(fields, request.GET.get("field", ""), FieldOfAction)
    phases = localized_phases(index_page.locale)
    selected_phase = choice_in_any_language(phases, request.GET.get("phase", ""), Phase)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    priority = request.GET.get("priority", "")
    priority = priority if priority in Priority.values else ""
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORT_OPTIONS else "start"

    queryset = measures_queryset(index_page)
    if selected_field is not None:
        key = selected_field.translation_key
        queryset = queryset.filter(
            Q(field_of_action__translation_key=key) | Q(further_fields__translation_key=key)
        ).distinct()
    if selected_phase is not None:
        queryset = queryset.filter(phase__translation_key=selected_phase.translation_key)
    if status:
        queryset = queryset.filter(status=status)
    if priority:
        queryset = queryset.filter(priority=priority)
    # Sorted and paginated on plain values; only the cards of this page are loaded as pages (with fields,
    # financing and images), so the time per request does not grow with the number of measures.
    rows = [SortRow(row) for row in queryset.values("pk", *SORT_FIELDS)]
    page_obj = paginate(request, sort_measures(rows, sort), per_page=PER_PAGE)
    shown = {measure.pk: measure for measure in measures_queryset(index_page).filter(pk__in=[r.pk for r in page_obj])}
    page_obj.object_list = [shown[row.pk] for row in page_obj.object_list]
    attach_fields(page_obj.object_list, by_key, index_page.get_url(request))
    prefetch_card_images(page_obj.object_list)
    sort_labels = {
        "start": _("Start of implementation"),
        "title": _("Title (A–Z)"),
        "cost": _("Cost (highest first)"),
        "priority": _("Priority (highest first)"),
        "status": _("Status"),
        "updated": _("Recently updated"),
    }
    return {
        "measures": page_obj.object_list,
        "measures_page": page_obj,
        "measure_count": page_obj.paginator.count,
        "fields": fields,
        "phases": phases,
        "statuses": Status.choices,
        "priorities": Priority.choices,
        "sorts": [(value, sort_labels[value]) for value in SORT_OPTIONS],
        "selected": {
            "field": str(selected_field.pk) if selected_field else "",
            "phase": str(selected_phase.pk) if selected_phase else "",
            "status": status,
            "priority": priority,
            "sort": sort,
        },
        "is_filtered": bool(selected_field or selected_phase or status or priority),
        "links": index_links(index_page, request),
        **change_notes_context(index_page, request),
    }


def plan_columns():
    """Header and cell labels of the plan's amount columns (total, each funding source, spent), in the active
    language. The headers are short so that all seven amount columns fit a 1280 px screen; the cell labels, shown
    beside each amount in the stacked phone layout, carry the full names (the exports keep the full names too)."""
    short = {
        FundingSource.FEDERAL: _("Federal"),
        FundingSource.STATE: _("State"),
        FundingSource.MUNICIPAL: _("Town"),
        FundingSource.THIRD_PARTY: _("Third parties"),
        FundingSource.OTHER: _("Other programmes"),
    }
    sources = [(value, short[value], label) for value, label in FundingSource.choices]
    labels = [_("Total cost"), *(str(label) for _value, _short, label in sources), _("Spent so far")]
    return sources, labels


def amount_cells(total_cost, by_source, spent, labels):
    """The amount cells of a plan row (total, each funding source, spent), built once in Python: a hundred rows
    of template filters and loops would cost more than the rest of the page (with the relations in bulk: plan
    106 -> 70 ms in-process on the benchmark site, commit 2bbf6e5). Each cell carries its column's
    label for the stacked phone layout; it is hidden from screen readers, which announce the column header."""
    amounts = (total_cost, *(by_source[source] for source in FundingSource.values), spent)
    language = translation.get_language()
    return format_html_join(
        "",
        '<td class="num"><span class="cell-label" aria-hidden="true">{}</span> <span class="cell-value">{}</span></td>',
        ((label, format_euro(a, language)) for label, a in zip(labels, amounts, strict=True)),
    )


def plan(index_page, request):
    context = base_context(index_page, request)
    data = build_plan(index_page, request)
    sources, labels = plan_columns()
    for group in data["groups"]:
        for measure in group["measures"]:
            measure.amounts = amount_cells(measure.total_cost, measure.financing, measure.spent_amount, labels)
        totals = group["totals"]
        totals["amounts"] = amount_cells(totals["total_cost"], totals["sources"], totals["spent"], labels)
    grand = data["grand_total"]
    grand["amounts"] = amount_cells(grand["total_cost"], grand["sources"], grand["spent"], labels)
    # The totals come first on the page (key figures above the table): the reader of a phone sees them at once.
    language = translation.get_language()
    grand["summary"] = [
        (label, format_euro(amount, language))
        for label, amount in zip(
            labels,
            (grand["total_cost"], *(grand["sources"][value] for value, *_rest in sources), grand["spent"]),
            strict=True,
        )
    ]
    context.update(data)
    context["plan_sources"] = sources
    context["links"] = index_links(index_page, request)
    context["alternate_urls"] = routing.alternates(index_page, "plan", request)
    return TemplateResponse(request, "projects/plan.html", context)


# --- timeline ---------------------------------------------------------------------------------------------------
def timeline(index_page, request):
    fields, by_key = in_locale(FieldOfAction.objects, index_page.locale)
    measures = all_measures(index_page, request, by_key)
    measures.sort(key=lambda m: (m.start_index, m.end_index, collation.sort_key(m.title)))
    today = current_quarter_index()
    if measures:
        # Milestones may lie outside the implementation period (a late one after its end): the scale shows them.
        dates = [d for m in measures for ms in m.milestone_list for d in (ms.planned_date, ms.actual_date) if d]
        first_year = min(min(m.start_year for m in measures), today // 4, *(d.year for d in dates))
        last_year = max(max(m.end_year for m in measures), today // 4, *(d.year for d in dates))
    else:
        first_year = last_year = today // 4
    origin = first_year * 4
    span = (last_year - first_year + 1) * 4

    def percent(quarters):
        # A plain string: the template would format a number in the reader's locale ("12,5" in German).
        return f"{quarters * 100 / span:.3f}%"

    for m in measures:
        m.bar_x = m.start_index - origin
        m.bar_width = m.end_index - m.start_index + 1
        # The bar is drawn in percent of the column, so that its label keeps its size at any width; the label
        # starts at the bar's start, or ends at its end when the bar lies in the right half (it stays inside).
        m.bar_start = percent(m.bar_x)
        m.bar_size = percent(m.bar_width)
        label_right = m.bar_x * 2 + m.bar_width > span
        m.label_x = percent(m.bar_x + m.bar_width) if label_right else m.bar_start
        m.label_anchor = "end" if label_right else "start"
        for milestone in m.milestone_list:
            milestone.planned_x = percent(date_quarters(milestone.planned_date) - origin)
            milestone.actual_x = percent(date_quarters(milestone.actual_date) - origin) if milestone.actual_date else ""
    context = base_context(index_page, request)
    context.update(
        {
            "measures": measures,
            "fields": fields,
            "years": [
                {
                    "year": year,
                    "short": f"{year % 100:02d}",  # '17: the phone layout's scale
                    "x": (year - first_year) * 4,
                    "percent": percent((year - first_year) * 4),
                }
                for year in range(first_year, last_year + 1)
            ],
            "span": span,
            "today_x": today - origin + Decimal("0.5"),
            "today_percent": percent(today - origin + Decimal("0.5")),
            "today_label": f"Q{today % 4 + 1}/{today // 4}",
            "alternate_urls": routing.alternates(index_page, "timeline", request),
            "links": index_links(index_page, request),
        }
    )
    return TemplateResponse(request, "projects/timeline.html", context)


# --- map and open data ------------------------------------------------------------------------------------------
def map_view(index_page, request):
    fields, by_key = in_locale(FieldOfAction.objects, index_page.locale)
    measures = all_measures(index_page, request, by_key)
    measures = [m for m in measures if m.has_location]
    measures.sort(key=lambda m: collation.sort_key(m.title))  # German alphabetical order
    context = base_context(index_page, request)
    links = index_links(index_page, request)
    context.update(
        {
            "located_measures": measures,
            "fields": fields,
            "links": links,
            "geojson_url": links["data_geojson"],
            "alternate_urls": routing.alternates(index_page, "map", request),
            **tile_settings(),
        }
    )
    return TemplateResponse(request, "projects/map.html", context)


# --- one measure ------------------------------------------------------------------------------------------------


def project_context(page, request):
    fields, by_key = in_locale(FieldOfAction.objects, page.locale)
    attach_fields([page], by_key)
    rows = list(page.financing_rows.all())
    financed = sum((row.amount for row in rows), Decimal(0))
    for row in rows:
        row.share = round(row.amount * 100 / page.total_cost) if page.total_cost else 0
    parent = page.get_parent().specific
    # Other apps' sections (e.g. related news from the news app) through the "project_page_sections" hook.
    sections = shared_sections(request, f"project_sections:{page.pk}", "project_page_sections", page)
    return {
        "project_sections": sections,
        "financing_rows": rows,
        "financed_total": financed,
        "open_amount": max(page.total_cost - financed, Decimal(0)),
        "gallery": page.gallery_images.select_related("image"),
        "documents": related_public_documents(page),
        "qr_url": page.get_url(request) + page.reverse_subpage("qr"),
        "full_url": absolute_url(page.get_url(request)),
        "overview": parent,
        "map_url": routing.url(parent, "map", request) if isinstance(parent, ProjectIndexPage) else None,
        **tile_settings(),
        **change_notes_context(page, request, parent),
    }


def change_notes_context(page, request, overview=None):
    """The notes and feed links of a measure (`page`), or only the feed of all measures (an overview)."""
    from projects import feeds

    if overview is None:
        return {"changes_feed_url": feeds.feed_url(page, request), "changes_feed_title": _("Change notes")}
    context = {
        "change_notes": list(page.change_notes.all()),
        "changes_feed_url": feeds.feed_url(page, request),
        "changes_feed_title": _("Change notes: %(title)s") % {"title": page.title},
    }
    if isinstance(overview, ProjectIndexPage):
        context["all_changes_feed_url"] = feeds.feed_url(overview, request)
    return context


def related_public_documents(page):
    """The measure's documents, without those of private collections (they are served only to their readers)."""
    items = list(page.related_documents.select_related("document"))
    if not items:
        return []
    candidates = get_document_model().objects.filter(pk__in=[item.document_id for item in items])
    public = set(public_documents(candidates).values_list("pk", flat=True))
    return [item.document for item in items if item.document_id in public]


def date_quarters(day):
    """A date in quarters since year 0, with the part of its quarter as a fraction (the timeline's unit)."""
    quarter_start = datetime(day.year, 3 * ((day.month - 1) // 3) + 1, 1).date()
    return Decimal(day.year * 4 + (day.month - 1) // 3) + Decimal((day - quarter_start).days) / Decimal(92)
