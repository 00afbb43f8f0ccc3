"""Views of the measures: overview filters, plan (HTML, CSV, XLSX), timeline, map, open data, QR code.

Every list is built from one queryset with its relations prefetched, and fields of action are localized
through a dict keyed by translation_key, so the number of queries does not grow with the measures.
"""

import io
import json
from datetime import datetime
from decimal import Decimal

import segno
from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html_join
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from projects.formatting import format_euro
from projects.models import (
    PRIORITY_RANK,
    STATUS_RANK,
    FieldOfAction,
    FinancingRow,
    FundingSource,
    Priority,
    ProjectIndexPage,
    ProjectPage,
    Status,
    current_quarter_index,
)
from stadtteil import collation, conditional, exports
from stadtteil.localization import choice_in_any_language
from stadtteil.page_cache import shared_data
from stadtteil.pagination import paginate
from stadtteil.site_url import absolute_url
from stadtteil.visibility import public_documents, public_pages

CARD_RENDITION = "fill-480x270"
PER_PAGE = 24  # measure cards per page of the overview

# Map tiles: any XYZ tile service. Default OpenStreetMap; a public-sector alternative is basemap.de of the
# Bundesamt für Kartographie und Geodäsie (BKG), e.g.
#   PROJECTS_MAP_TILE_URL = "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
#   PROJECTS_MAP_ATTRIBUTION = '&copy; <a href="https://basemap.de">basemap.de</a> / BKG'
# (set them in the environment; the Content-Security-Policy then allows that tile host).


def tile_settings():
    # PROJECTS_MAP_TILE_URL / PROJECTS_MAP_ATTRIBUTION come from the environment (stadtteil/settings/base.py),
    # which also allows the tile host in the Content-Security-Policy.
    # The default attribution in the page's language ("contributors" / "Mitwirkende").
    attribution = settings.PROJECTS_MAP_ATTRIBUTION or _(
        '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
    )
    return {"tile_url": settings.PROJECTS_MAP_TILE_URL, "attribution": attribution}


# --- shared data ------------------------------------------------------------------------------------------------
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


SORT_OPTIONS = ["start", "title", "cost", "priority", "status", "updated"]


SORT_FIELDS = ("title", "start_year", "start_quarter", "end_year", "end_quarter", "total_cost", "priority", "status",
               "last_published_at")  # fmt: skip


class SortRow:
    """The values a measure is sorted by, without loading the page."""

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


def sub_view_alternates(index_page, request, base=None, route=None):
    """{language: url} of a routable sub-view in every language, for the language switcher and hreflang:
    `base` names a sub-view whose path differs per language (map, timeline), `route` one that does not."""
    alternates = {}
    for page in index_page.get_translations(inclusive=True).live().select_related("locale").specific():
        url = page.get_url(request)
        if url:
            alternates[page.locale.language_code] = (
                page.language_route(request, base) if base else url + page.reverse_subpage(route)
            )
    return alternates


def base_context(index_page, request):
    # The sub-views need the page but not the overview's filtered list.
    return {"page": index_page, "self": index_page, "request": request}


def index_links(index_page, request):
    base = index_page.get_url(request)
    return {
        "overview": base,
        "plan": base + index_page.reverse_subpage("plan"),
        "plan_csv": base + index_page.reverse_subpage("plan_csv"),
        "plan_xlsx": base + index_page.reverse_subpage("plan_xlsx"),
        "timeline": index_page.language_route(request, "timeline"),
        "map": index_page.language_route(request, "map"),
        "data_json": base + index_page.reverse_subpage("data_json"),
        "data_geojson": base + index_page.reverse_subpage("data_geojson"),
        "data_csv": base + index_page.reverse_subpage("data_csv"),
        # The DCAT-AP.de catalogue of all open data (projects/catalogue.py): one address for both languages.
        "catalogue_ttl": reverse("catalogue_ttl"),
        "catalogue_jsonld": reverse("catalogue_jsonld"),
    }


# --- overview ---------------------------------------------------------------------------------------------------
def overview_context(index_page, request):
    fields, by_key = localized_fields(index_page.locale)
    selected_field = choice_in_any_language(fields, request.GET.get("field", ""), FieldOfAction)
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
        "statuses": Status.choices,
        "priorities": Priority.choices,
        "sorts": [(value, sort_labels[value]) for value in SORT_OPTIONS],
        "selected": {
            "field": str(selected_field.pk) if selected_field else "",
            "status": status,
            "priority": priority,
            "sort": sort,
        },
        "is_filtered": bool(selected_field or status or priority),
        "links": index_links(index_page, request),
        **change_notes_context(index_page, request),
    }


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
    of template filters and loops would cost more than the rest of the page. Each cell carries its column's
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
    context["alternate_urls"] = sub_view_alternates(index_page, request, route="plan")
    return TemplateResponse(request, "projects/plan.html", context)


def _plan_rows(index_page, request):
    """The plan as rows of plain values: header, measures, subtotal per field, grand total."""
    data = build_plan(index_page, request)
    source_labels = [str(label) for _value, label in data["sources"]]
    header = [
        _("Field of action"),
        _("Measure"),
        _("Priority"),
        _("Period"),
        _("Responsible body"),
        _("Status"),
        _("Total cost (€)"),
        *[f"{label} (€)" for label in source_labels],
        _("Spent so far (€)"),
        _("Web page"),
    ]
    rows = []
    kinds = []

    def totals_row(label, totals):
        return [
            label,
            "",
            "",
            "",
            "",
            "",
            int(totals["total_cost"]),
            *[int(totals["sources"][value]) for value, _label in data["sources"]],
            int(totals["spent"]),
            "",
        ]

    for group in data["groups"]:
        for m in group["measures"]:
            rows.append(
                [
                    group["field"].name,
                    m.title,
                    m.get_priority_display(),
                    m.period_label,
                    m.responsible_body,
                    m.get_status_display(),
                    int(m.total_cost),
                    *[int(m.financing[value]) for value, _label in data["sources"]],
                    int(m.spent_amount),
                    absolute_url(m.get_url(request)),
                ]
            )
            kinds.append("measure")
        rows.append(totals_row(_("Subtotal %(field)s") % {"field": group["field"].name}, group["totals"]))
        kinds.append("subtotal")
    rows.append(totals_row(_("Grand total"), data["grand_total"]))
    kinds.append("total")
    return header, rows, kinds


def _download_name(index_page, extension):
    return f"{slugify(_('plan of measures'))}-{timezone.localdate():%Y-%m-%d}.{extension}"


def plan_csv(index_page, request):
    header, rows, _kinds = _plan_rows(index_page, request)
    # German Excel expects semicolons; English locales expect commas.
    delimiter = ";" if index_page.locale.language_code == "de" else ","
    return exports.csv_response(header, rows, _download_name(index_page, "csv"), delimiter)


def plan_xlsx(index_page, request):
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    header, rows, kinds = _plan_rows(index_page, request)
    book = exports.workbook(header, rows, _("Plan of measures"))
    sheet = book.active
    money_columns = range(7, len(header))  # total cost … spent (1-based: 7 to len-1)
    for row_number, kind in enumerate(kinds, start=2):
        if kind != "measure":
            for cell in sheet[row_number]:
                cell.font = Font(bold=True)
        for column in money_columns:
            sheet.cell(row=row_number, column=column).number_format = "#,##0 €"
    sheet.freeze_panes = "C2"
    for index, width in enumerate([28, 40, 10, 22, 30, 18] + [16] * (len(header) - 6), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    return exports.xlsx_response(book, _download_name(index_page, "xlsx"))


# --- timeline ---------------------------------------------------------------------------------------------------
def timeline(index_page, request, language):
    if index_page.locale.language_code != language:
        return redirect(index_page.language_route(request, "timeline"))
    fields, _by_key = localized_fields(index_page.locale)
    measures = all_measures(index_page, request)
    measures.sort(key=lambda m: (m.start_index, m.end_index, collation.sort_key(m.title)))
    today = current_quarter_index()
    if measures:
        first_year = min(min(m.start_year for m in measures), today // 4)
        last_year = max(max(m.end_year for m in measures), today // 4)
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
            "alternate_urls": sub_view_alternates(index_page, request, "timeline"),
            "links": index_links(index_page, request),
        }
    )
    return TemplateResponse(request, "projects/timeline.html", context)


# --- map and open data ------------------------------------------------------------------------------------------
def map_view(index_page, request, language):
    if index_page.locale.language_code != language:
        return redirect(index_page.language_route(request, "map"))
    fields, _by_key = localized_fields(index_page.locale)
    measures = all_measures(index_page, request)
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
            "alternate_urls": sub_view_alternates(index_page, request, "map"),
            **tile_settings(),
        }
    )
    return TemplateResponse(request, "projects/map.html", context)


def measure_record(measure, request):
    """The open-data view of a measure: plain values, localized texts, absolute URL."""
    financing = measure.financing
    return {
        "id": measure.translation_key.hex,
        "title": measure.title,
        "url": absolute_url(measure.link),
        "summary": measure.summary,
        "field_of_action": measure.main_field.name,
        "fields_of_action": [field.name for field in measure.fields],
        "colour": measure.main_field.colour,
        "status": measure.status,
        "status_label": str(measure.get_status_display()),
        "priority": measure.priority,
        "priority_label": str(measure.get_priority_display()),
        "start": f"{measure.start_year}-Q{measure.start_quarter}",
        "end": f"{measure.end_year}-Q{measure.end_quarter}",
        "responsible_body": measure.responsible_body,
        "total_cost_eur": int(measure.total_cost),
        "spent_eur": int(measure.spent_amount),
        "financing_eur": {source: int(amount) for source, amount in financing.items()},
        "address": measure.address,
        "latitude": float(measure.latitude) if measure.latitude is not None else None,
        "longitude": float(measure.longitude) if measure.longitude is not None else None,
        "last_updated": measure.last_published_at.isoformat() if measure.last_published_at else None,
    }


def _records(index_page, request):
    measures = all_measures(index_page, request)
    measures.sort(key=lambda m: (m.main_field.sort_order, collation.sort_key(m.title)))
    return [measure_record(m, request) for m in measures]


def _open_data_headers(response, records):
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    # The newest change of any measure: lets harvesters ask with If-Modified-Since (stadtteil.conditional).
    return conditional.last_modified(response, _modified(records))


def _modified(records):
    return conditional.newest(
        datetime.fromisoformat(record["last_updated"]) for record in records if record["last_updated"]
    )


def data_json(index_page, request):
    records = _records(index_page, request)
    modified = _modified(records)
    data = {
        "language": index_page.locale.language_code,
        "source": absolute_url(index_page.get_url(request)),
        "licence": "CC BY 4.0",
        # When the data last changed (not when this file was made), so that an unchanged file stays the same.
        "modified": modified.isoformat(timespec="seconds") if modified else None,
        "measures": records,
    }
    return _open_data_headers(JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1}), records)


def data_geojson(index_page, request):
    features = []
    records = _records(index_page, request)
    for record in records:
        if record["latitude"] is None:
            continue
        properties = {k: v for k, v in record.items() if k not in {"latitude", "longitude"}}
        properties["popup_link_text"] = _("More about this measure")
        features.append(
            {
                "type": "Feature",
                # GeoJSON (RFC 7946) orders coordinates longitude, latitude.
                "geometry": {"type": "Point", "coordinates": [record["longitude"], record["latitude"]]},
                "properties": properties,
            }
        )
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return _open_data_headers(HttpResponse(body, content_type="application/geo+json; charset=utf-8"), records)


def data_csv(index_page, request):
    records = _records(index_page, request)
    columns = [
        "id",
        "title",
        "url",
        "field_of_action",
        "status",
        "priority",
        "start",
        "end",
        "responsible_body",
        "total_cost_eur",
        *[f"financing_{source}_eur" for source in FundingSource.values],
        "spent_eur",
        "address",
        "latitude",
        "longitude",
        "last_updated",
        "summary",
    ]
    rows = []
    for record in records:
        flat = dict(record)
        for source, amount in record["financing_eur"].items():
            flat[f"financing_{source}_eur"] = amount
        rows.append([flat.get(column) for column in columns])
    filename = f"measures-{index_page.locale.language_code}.csv"
    return _open_data_headers(exports.csv_response(columns, rows, filename, ","), records)


# --- one measure ------------------------------------------------------------------------------------------------
def project_sections(page, request):
    """Seam for other apps (e.g. related news from the news app): a "project_page_sections" hook is a function
    (request, page) returning None or {"order": int, "template": "...", ...}, like the home page's. The result
    is kept until content changes (stadtteil.page_cache.shared_data), so it must not depend on the visitor."""
    sections = [section for fn in hooks.get_hooks("project_page_sections") if (section := fn(request, page))]
    return sorted(sections, key=lambda section: section["order"])


def project_context(page, request):
    fields, by_key = localized_fields(page.locale)
    attach_fields([page], by_key)
    rows = list(page.financing_rows.all())
    financed = sum((row.amount for row in rows), Decimal(0))
    for row in rows:
        row.share = round(row.amount * 100 / page.total_cost) if page.total_cost else 0
    parent = page.get_parent().specific
    sections = shared_data(request, f"project_sections:{page.pk}", lambda: project_sections(page, request))
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
        "map_url": parent.language_route(request, "map") if hasattr(parent, "language_route") else None,
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


def qr_code(page, request):
    """An SVG QR code of the page's address, for the signs at construction sites."""
    qr = segno.make(absolute_url(page.get_url(request)), error="m")
    buffer = io.BytesIO()
    title = _("QR code: %(title)s") % {"title": page.title}
    qr.save(buffer, kind="svg", scale=8, border=4, title=title, xmldecl=True, svgns=True)
    response = HttpResponse(buffer.getvalue(), content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=86400"
    return response
