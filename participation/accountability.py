""" "You said, we did": what became of the contributions on a measure, and the public figures per year.

Everything here is public: it reads contributions through `Contribution.objects.public()` (approved, no personal
fields loaded) or as aggregates (counts, shares, medians) that name no one. Fund applications enter only as counts
and sums per year.
"""

import datetime
import statistics
from collections import Counter, defaultdict

from django.db.models import Max, Min
from django.http import Http404, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from participation.models import Contribution
from stadtteil import conditional, exports, routing
from stadtteil.site_url import absolute_url

# The district office aims to answer within two weeks; the figures say how often it did.
ANSWER_TARGET_DAYS = 14
# A measure page lists this many contributions (newest first); the counts cover all of them.
MEASURE_LIST_LIMIT = 20


def status_rows(counter):
    """(value, label, count) for every public status, in the order of the flow, zeros included."""
    return [
        {"value": value, "label": label, "count": counter.get(value, 0)}
        for value, label in Contribution.PublicStatus.choices
    ]


# --- the measure page -------------------------------------------------------------------------------------------
def measure_outcomes(request, measure, participation=None):
    """Counts per public status of a measure's approved contributions, and the newest of them with status and
    reason. A fixed number of queries, whatever the number of contributions."""
    from django.db.models import Count

    from participation.models import ParticipationPage
    from participation.views import attach_relations, public_contributions
    from projects.models import FieldOfAction
    from stadtteil.localization import in_locale

    rows = (
        Contribution.objects.approved()
        .filter(measure__translation_key=measure.translation_key)
        .values("public_status")
        .annotate(n=Count("id"), answered=Count("first_answered_at"))
        .order_by()
    )
    counts = Counter()
    answered = 0
    for row in rows:
        counts[row["public_status"]] += row["n"]
        answered += row["answered"]
    total = sum(counts.values())
    if not total:
        return None
    contributions = list(
        public_contributions().filter(measure__translation_key=measure.translation_key)[:MEASURE_LIST_LIMIT]
    )
    _fields, by_field_key = in_locale(FieldOfAction.objects, measure.locale)
    attach_relations(contributions, by_field_key, {})
    if participation is None:
        participation = ParticipationPage.objects.live().filter(locale=measure.locale).first()
    figures_url = routing.url(participation, "figures", request) if participation else ""
    return {
        "measure": measure,
        "contributions": contributions,
        "count": total,
        "answered": answered,
        "statuses": status_rows(counts),
        "figures_url": figures_url,
        "more_url": f"{participation.get_url(request)}?measure={measure.pk}" if participation else "",
    }


# --- the figures ------------------------------------------------------------------------------------------------
def _percent(part, whole):
    return round(100 * part / whole) if whole else None


def contribution_figures():
    """Figures of the contributions per calendar year of receipt (local time): {year: {...}}.

    Contributions rejected in moderation (advertising, insults) are counted apart and left out of the shares: they
    get no answer. One query.
    """
    rows = Contribution.objects.order_by().values_list("created_at", "status", "public_status", "first_answered_at")
    years = defaultdict(lambda: {"received": 0, "published": 0, "not_published": 0, "statuses": Counter(), "days": []})
    for created_at, status, public_status, first_answered_at in rows:
        year = years[timezone.localtime(created_at).year]
        if status == Contribution.Status.REJECTED:
            year["not_published"] += 1
            continue
        year["received"] += 1
        year["published"] += 1 if status == Contribution.Status.APPROVED else 0
        year["statuses"][public_status] += 1
        if first_answered_at is not None:
            year["days"].append(max(0.0, (first_answered_at - created_at).total_seconds() / 86400))
    result = {}
    for number, year in years.items():
        days = year["days"]
        answered = len(days)
        result[number] = {
            "received": year["received"],
            "published": year["published"],
            "not_published": year["not_published"],
            "answered": answered,
            "open": year["received"] - answered,
            "answered_percent": _percent(answered, year["received"]),
            "median_days": round(statistics.median(days), 1) if days else None,
            "within_target": sum(1 for value in days if value <= ANSWER_TARGET_DAYS),
            "late": sum(1 for value in days if value > ANSWER_TARGET_DAYS),
            "statuses": status_rows(year["statuses"]),
        }
    return result


def fund_figures():
    """Applications to the neighbourhood fund per funding year and what became of them. One query."""
    from fund.models import Application

    funded_statuses = set(Application.FUNDED_STATUSES)
    years = defaultdict(lambda: {"applications": 0, "funded": 0, "rejected": 0, "pending": 0, "granted": 0})
    rows = Application.objects.order_by().values_list("year", "status", "approved_amount")
    for number, status, approved_amount in rows:
        year = years[number]
        year["applications"] += 1
        if status in funded_statuses:
            year["funded"] += 1
            year["granted"] += approved_amount or 0
        elif status == Application.Status.REJECTED:
            year["rejected"] += 1
        else:
            year["pending"] += 1
    for year in years.values():
        year["funded_percent"] = _percent(year["funded"], year["applications"])
    return dict(years)


def figure_years():
    """The years the figures page has a page for: with contributions or fund applications, and this one."""
    from fund.models import Application

    years = {value.year for value in Contribution.objects.order_by().datetimes("created_at", "year")}
    years |= set(Application.objects.order_by().values_list("year", flat=True).distinct())
    return sorted(years | {timezone.localdate().year}, reverse=True)


def all_figures():
    """Every year with contributions or fund applications (and the current year), newest first."""
    contributions = contribution_figures()
    fund = fund_figures()
    numbers = sorted(set(contributions) | set(fund) | {timezone.localdate().year}, reverse=True)
    empty_fund = {"applications": 0, "funded": 0, "rejected": 0, "pending": 0, "granted": 0, "funded_percent": None}
    empty_contributions = {
        "received": 0,
        "published": 0,
        "not_published": 0,
        "answered": 0,
        "open": 0,
        "answered_percent": None,
        "median_days": None,
        "within_target": 0,
        "late": 0,
        "statuses": status_rows({}),
    }
    return [
        {
            "year": number,
            "contributions": contributions.get(number, empty_contributions),
            "fund": fund.get(number, empty_fund),
        }
        for number in numbers
    ]


# --- the figures page (a sub-view of the participation page) ----------------------------------------------------
def figures(page, request, year=None):
    years = all_figures()
    selected = None
    if year is not None:
        selected = next((row for row in years if row["year"] == year), None)
        if selected is None:
            raise Http404
    if year is None:
        alternates = routing.alternates(page, "figures", request)
    else:
        alternates = routing.alternates(page, "figures_year", request, args=[year])
    for row in years:
        row["url"] = routing.url(page, "figures_year", request, args=[row["year"]])
    context = {
        "page": page,
        "self": page,
        "request": request,
        "years": years,
        "selected": selected,
        "figures_url": routing.url(page, "figures", request),
        "target_days": ANSWER_TARGET_DAYS,
        "alternate_urls": alternates,
        "json_url": routing.url(page, "figures_json", request),
        "csv_url": routing.url(page, "figures_csv", request),
    }
    return TemplateResponse(request, "participation/figures.html", context)


# --- the figures as open data (sub-views of the participation page, described in the data catalogue) -------------
def figure_record(row):
    """One year of all_figures() as flat values (the same keys in the JSON and the CSV): totals only."""
    contributions, fund = row["contributions"], row["fund"]
    return {
        "year": row["year"],
        "contributions_received": contributions["received"],
        "contributions_published": contributions["published"],
        "contributions_not_published": contributions["not_published"],
        "answered": contributions["answered"],
        "not_answered_yet": contributions["open"],
        "answered_percent": contributions["answered_percent"],
        "median_days_to_first_answer": contributions["median_days"],
        "answered_within_target": contributions["within_target"],
        "answered_after_target": contributions["late"],
        **{f"status_{status['value']}": status["count"] for status in contributions["statuses"]},
        "fund_applications": fund["applications"],
        "fund_funded": fund["funded"],
        "fund_rejected": fund["rejected"],
        "fund_pending": fund["pending"],
        "fund_funded_percent": fund["funded_percent"],
        "fund_granted_eur": float(fund["granted"]),
    }


def _figure_dates():
    """The oldest and newest dates behind the figures (two queries): every change that moves a figure sets one
    of them (receipt, moderation and public status, first answer; an application or its status change). A
    deleted row sets none: the ETag (stadtteil.conditional) still tells."""
    from fund.models import Application

    contributions = Contribution.objects.order_by().aggregate(
        first=Min("created_at"),
        created=Max("created_at"),
        moderated=Max("moderated_at"),
        answered=Max("first_answered_at"),
    )
    applications = Application.objects.order_by().aggregate(
        first=Min("year"), last=Max("year"), created=Max("created_at"), changed=Max("status_changes__at")
    )
    return contributions, applications


def figures_modified(page, dates=None):
    """When the figures last changed: the newest change of their data or of the page, and at the latest the start
    of this year (the year's row appears then, with no data behind it)."""
    contributions, applications = dates or _figure_dates()
    year_start = timezone.localtime().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    return conditional.newest(
        [
            contributions["created"],
            contributions["moderated"],
            contributions["answered"],
            applications["created"],
            applications["changed"],
            page.last_published_at,
            year_start,
        ]
    )


def figures_facts(page, cache):
    """What the data catalogue (projects.catalogue) says about the figures: the years they cover and their
    newest change."""
    from projects.catalogue import Facts

    dates = _figure_dates()
    contributions, applications = dates
    this_year = timezone.localdate().year
    first = [this_year, applications["first"]]
    if contributions["first"]:
        first.append(timezone.localtime(contributions["first"]).year)
    return Facts(
        issued=page.first_published_at,
        modified=figures_modified(page, dates),
        start=datetime.date(min(year for year in first if year), 1, 1),
        end=datetime.date(max(this_year, applications["last"] or this_year), 12, 31),
    )


def _open_data(page, request, records):
    modified = figures_modified(page)
    return {
        "language": page.locale.language_code,
        "source": absolute_url(routing.url(page, "figures", request)),
        "licence": "CC BY 4.0",
        # When the data last changed (not when this file was made), so that an unchanged file stays the same.
        "modified": modified.isoformat(timespec="seconds") if modified else None,
        "answer_target_days": ANSWER_TARGET_DAYS,
        "statuses": {value: str(label) for value, label in Contribution.PublicStatus.choices},
        "years": records,
    }, modified


def _open_data_headers(response, modified):
    response["Access-Control-Allow-Origin"] = "*"  # open data: other sites may fetch it
    return conditional.last_modified(response, modified)


def figures_json(page, request):
    data, modified = _open_data(page, request, [figure_record(row) for row in all_figures()])
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    return _open_data_headers(response, modified)


def figures_csv(page, request):
    records = [figure_record(row) for row in all_figures()]
    columns = list(records[0])  # all_figures() always has this year
    rows = [[record[column] for column in columns] for record in records]
    filename = f"contribution-figures-{page.locale.language_code}.csv"
    response = exports.csv_response(columns, rows, filename, ",")
    return _open_data_headers(response, figures_modified(page))
