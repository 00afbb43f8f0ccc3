"""Open data of the measures (JSON, GeoJSON, CSV under CC BY 4.0), for other sites and harvesters."""

from datetime import datetime
from operator import itemgetter

from django.http import JsonResponse
from django.utils.translation import gettext as _

from places.maps import feature_collection, geojson_response
from projects.models import (
    FundingSource,
)
from projects.views.data import all_measures
from stadtteil import collation, conditional, exports
from stadtteil.site_url import absolute_url


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
        "phase": measure.current_phase.name if measure.current_phase else None,
        "phase_order": measure.current_phase.sort_order if measure.current_phase else None,
        "progress_percent": measure.progress,
        "milestones": [milestone_record(milestone) for milestone in measure.milestone_list],
        "participation_level": measure.participation_level or None,
        "participation_level_label": measure.get_participation_level_display() if measure.participation_level else None,
        "participation_until": measure.participation_until.isoformat() if measure.participation_until else None,
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
    records = _records(index_page, request)

    def properties(record):
        return {
            **{k: v for k, v in record.items() if k not in {"latitude", "longitude"}},
            "popup_link_text": _("More about this measure"),
        }

    collection = feature_collection(records, properties, itemgetter("latitude", "longitude"))
    return _open_data_headers(geojson_response(collection), records)


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
        "phase",
        "progress_percent",
        "participation_level",
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


def milestone_record(milestone):
    return {
        "title": milestone.title,
        "planned": milestone.planned_date.isoformat(),
        "actual": milestone.actual_date.isoformat() if milestone.actual_date else None,
        "late": bool(milestone.delay),
        "days_late": milestone.delay,
    }


MILESTONE_COLUMNS = [
    "measure_id",
    "measure",
    "measure_url",
    "position",
    "title",
    "planned",
    "actual",
    "late",
    "days_late",
]


def _milestone_rows(records):
    """One row per milestone of every public measure, in the measures' order."""
    rows = []
    for record in records:
        for position, milestone in enumerate(record["milestones"], start=1):
            row = {"measure_id": record["id"], "measure": record["title"], "measure_url": record["url"]}
            rows.append({**row, "position": position, **milestone})
    return rows


def milestones_json(index_page, request):
    records = _records(index_page, request)
    modified = _modified(records)
    data = {
        "language": index_page.locale.language_code,
        "source": absolute_url(index_page.get_url(request)),
        "licence": "CC BY 4.0",
        "modified": modified.isoformat(timespec="seconds") if modified else None,
        "milestones": _milestone_rows(records),
    }
    return _open_data_headers(JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1}), records)


def milestones_csv(index_page, request):
    records = _records(index_page, request)
    rows = [[row[column] for column in MILESTONE_COLUMNS] for row in _milestone_rows(records)]
    filename = f"milestones-{index_page.locale.language_code}.csv"
    return _open_data_headers(exports.csv_response(MILESTONE_COLUMNS, rows, filename, ","), records)
