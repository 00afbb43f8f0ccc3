"""Public views of the participation page (form, list, thanks, GeoJSON) and the staff exports.

Public code reads contributions only through `Contribution.objects.public()` (no personal fields loaded) and
localizes fields of action and measures through dicts keyed by translation_key, so the number of queries does
not grow with the number of contributions.
"""

import logging
from functools import partial

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count, F
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from participation.forms import MAP_CENTRE, ContributionForm
from participation.models import Contribution
from places.maps import feature_collection, geojson_response, tile_settings
from projects.models import FieldOfAction, ProjectPage
from stadtteil import collation, exports, routing
from stadtteil.guards import RateLimit, honeypot_filled
from stadtteil.localization import in_locale, pages_in_locale
from stadtteil.params import parse_id
from stadtteil.security import same_origin_post
from stadtteil.site_url import page_url as page_url_on_site
from stadtteil.visibility import public_pages

logger = logging.getLogger(__name__)

PER_PAGE = 10
RATE_LIMIT = RateLimit("participation:submit", "PARTICIPATION_RATE_LIMIT")


def measures_in_locale(locale, keys):
    """Live measures of a locale with the given translation keys, keyed by translation_key (one query)."""
    measures = ProjectPage.objects.only("id", "title", "url_path", "translation_key", "locale")
    return pages_in_locale(measures, locale, keys)


def public_contributions():
    return Contribution.objects.public().annotate(
        field_key=F("field_of_action__translation_key"), measure_key=F("measure__translation_key")
    )


def attach_relations(contributions, by_field_key, by_measure_key):
    for item in contributions:
        item.field = by_field_key.get(item.field_key)
        item.measure_page = by_measure_key.get(item.measure_key)
    return contributions


# --- the participation page -------------------------------------------------------------------------------------
def page_context(page, request):
    locale = page.locale
    # A bound form with errors (see render_page), or a fresh one.
    form = getattr(request, "_participation_form", None)
    fields, by_field_key = in_locale(FieldOfAction.objects, locale)
    fields_by_pk = {str(field.pk): field for field in fields}
    selected = fields_by_pk.get(request.GET.get("field", ""))

    queryset = public_contributions()
    if selected is not None:
        queryset = queryset.filter(field_of_action__translation_key=selected.translation_key)
    paginator = Paginator(queryset, PER_PAGE)
    # get_page turns "abc", "0" and "99999" into a real page instead of an error.
    page_obj = paginator.get_page(request.GET.get("page"))
    contributions = list(page_obj.object_list)

    field_counts = {
        row["key"]: row["n"]
        for row in Contribution.objects.approved()
        .values(key=F("field_of_action__translation_key"))
        .annotate(n=Count("id"))
        .order_by()
    }
    measure_counts = {
        row["key"]: row["n"]
        for row in Contribution.objects.approved()
        .exclude(measure=None)
        .values(key=F("measure__translation_key"))
        .annotate(n=Count("id"))
        .order_by()
    }
    by_measure_key = measures_in_locale(
        locale, set(measure_counts) | {item.measure_key for item in contributions if item.measure_key}
    )
    attach_relations(contributions, by_field_key, by_measure_key)
    measures_with_counts = sorted(
        (
            {"measure": by_measure_key[key], "count": count}
            for key, count in measure_counts.items()
            if key in by_measure_key
        ),
        key=lambda row: (-row["count"], collation.sort_key(row["measure"].title)),
    )

    if form is None:
        initial = {}
        measure_id = parse_id(request.GET.get("measure", ""))
        if measure_id is not None:
            initial["measure"] = measure_id
        form = ContributionForm(locale=locale, initial=initial)
    base_url = page.get_url(request)
    return {
        "form": form,
        "contributions": contributions,
        "page_obj": page_obj,
        "page_range": paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1),
        "fields": [{"field": field, "count": field_counts.get(field.translation_key, 0)} for field in fields],
        "selected_field": selected,
        "total_count": sum(field_counts.values()),
        "measures_with_counts": measures_with_counts,
        "geojson_url": base_url + page.reverse_subpage("geojson"),
        "figures_url": routing.url(page, "figures", request),
        "map_centre": MAP_CENTRE,
        **tile_settings(),
    }


def render_page(page, request, form, status=200):
    request._participation_form = form
    return TemplateResponse(request, page.get_template(request), page.get_context(request), status=status)


def submit(page, request):
    form = ContributionForm(request.POST, locale=page.locale)
    if RATE_LIMIT.reached(request):
        # Keep what the visitor wrote: the form comes back filled in, with the reason on top.
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent several contributions in a short time. Please wait a while and send this one again; "
                "your text is still in the form."
            ),
        )
        return render_page(page, request, form, status=429)

    thanks_url = routing.url(page, "thanks", request)
    if form.is_bot:
        RATE_LIMIT.count(request)
        logger.info("Participation form: honeypot filled, nothing stored")
        return redirect(thanks_url)

    if not form.is_valid():
        return render_page(page, request, form)

    RATE_LIMIT.count(request)
    with transaction.atomic():
        contribution = form.save(language=page.locale.language_code)
    from participation.tasks import notify_staff, schedule_purge

    # After the commit, so that the worker finds the row; the task gets the id only, no personal data.
    transaction.on_commit(partial(notify_staff.enqueue, contribution.pk))
    transaction.on_commit(schedule_purge)
    measure = form.cleaned_data.get("measure")
    if measure is not None and request.POST.get("origin") == "measure":
        thanks_url += f"?measure={measure.pk}"
    return redirect(thanks_url)


def guard_form_page(page, request):
    """Honeypot and rate limit of a FormPage; None lets Wagtail handle the submission."""
    if honeypot_filled(request.POST):
        RATE_LIMIT.count(request)
        logger.info("Form page: honeypot filled, nothing stored")
        return TemplateResponse(request, page.get_landing_page_template(request), page.get_context(request))
    if RATE_LIMIT.reached(request):
        form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
        form.is_valid()
        form.add_error(
            None,
            _(
                "You have sent several contributions in a short time. Please wait a while and send this one again; "
                "your text is still in the form."
            ),
        )
        context = page.get_context(request)
        context["form"] = form
        return TemplateResponse(request, page.get_template(request), context, status=429)
    form = page.get_form(request.POST, request.FILES, page=page, user=request.user)
    if form.is_valid():
        # Only stored submissions count, so that a visitor correcting mistakes is never locked out.
        RATE_LIMIT.count(request)
    return None


def thanks(page, request):
    measure = None
    measure_id = parse_id(request.GET.get("measure", ""))
    if measure_id is not None:
        measure = public_pages(ProjectPage.objects.live().filter(pk=measure_id, locale=page.locale)).first()
    alternates = routing.alternates(page, "thanks", request)
    context = {"page": page, "self": page, "request": request, "measure": measure, "alternate_urls": alternates}
    response = TemplateResponse(request, "participation/thanks.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


def contribution_anchor(contribution):
    return f"beitrag-{contribution.pk}"


def geojson(page, request):
    """Approved contributions with a place, as GeoJSON (no personal data); `?measure=<id>` narrows to a measure."""
    locale = page.locale
    _fields, by_field_key = in_locale(FieldOfAction.objects, locale)
    queryset = public_contributions().exclude(latitude=None).exclude(longitude=None)
    measure_id = parse_id(request.GET.get("measure", ""))
    if measure_id is not None:
        measure = ProjectPage.objects.filter(pk=measure_id).only("translation_key").first()
        queryset = queryset.filter(measure__translation_key=measure.translation_key) if measure else queryset.none()
    contributions = list(queryset)
    by_measure_key = measures_in_locale(locale, {item.measure_key for item in contributions if item.measure_key})
    attach_relations(contributions, by_field_key, by_measure_key)
    page_url = page_url_on_site(page, request)

    def properties(item):
        return {
            "id": item.pk,
            "message": item.message,
            "language": item.language,
            "date": timezone.localtime(item.created_at).date().isoformat(),
            "date_label": date_format(timezone.localtime(item.created_at).date(), "DATE_FORMAT"),
            "field_of_action": item.field.name if item.field else "",
            "colour": item.field.colour if item.field else "#4a4a4a",
            "measure": item.measure_page.title if item.measure_page else "",
            "measure_url": page_url_on_site(item.measure_page, request) if item.measure_page else "",
            "place": item.address,
            "reply": item.public_reply,
            # "You said, we did": what became of it (the public status only, never the moderation notes).
            "public_status": item.public_status,
            "public_status_label": str(item.get_public_status_display()),
            "url": f"{page_url}#{contribution_anchor(item)}",
        }

    return geojson_response(feature_collection(contributions, properties))


# --- the short form on a measure page ---------------------------------------------------------------------------
@same_origin_post
def send_from_measure(request):
    """Target of the short form on measure pages, which carries no CSRF token so that measure pages stay
    cacheable; handled like the participation page's own form (errors show there, with the input kept)."""
    from participation.models import ParticipationPage

    page = ParticipationPage.objects.live().filter(locale__language_code=translation.get_language()).first()
    if page is None:
        raise Http404
    return submit(page, request)


def measure_feedback(request, measure):
    from participation.models import ParticipationPage

    participation = ParticipationPage.objects.live().filter(locale=measure.locale).first()
    if participation is None:
        return None
    # The contributions themselves, their count and what became of them: accountability.measure_outcomes.
    base_url = participation.get_url(request)
    return {
        "participation": participation,
        "action": reverse("participation:send"),
        "geojson_url": f"{base_url}{participation.reverse_subpage('geojson')}?measure={measure.pk}",
        "form": ContributionForm(locale=measure.locale, auto_id="id_feedback_%s"),
        "measure": measure,
    }


# --- exports for staff ------------------------------------------------------------------------------------------
def export_rows():
    header = [
        _("Number"),
        _("Received"),
        _("Status"),
        _("Language"),
        _("Field of action"),
        _("Measure"),
        _("Message"),
        _("Place"),
        _("Latitude"),
        _("Longitude"),
        _("Public reply"),
        _("Public status"),
        _("Public reason"),
        _("First official answer"),
        _("Reason for rejection"),
        _("Moderated by"),
        _("Moderated at"),
        _("Name"),
        _("E-mail"),
        _("Consents to a reply"),
        _("Personal data deleted"),
    ]
    rows = []
    queryset = Contribution.objects.select_related("field_of_action", "measure", "moderated_by").order_by("pk")

    def when(value):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

    for item in queryset:
        rows.append(
            [
                item.pk,
                when(item.created_at),
                str(item.get_status_display()),
                item.language,
                item.field_of_action.name if item.field_of_action else "",
                item.measure.title if item.measure else "",
                item.message,
                item.address,
                float(item.latitude) if item.latitude is not None else None,
                float(item.longitude) if item.longitude is not None else None,
                item.public_reply,
                str(item.get_public_status_display()),
                item.public_reason,
                when(item.first_answered_at),
                item.rejection_reason,
                item.moderated_by.get_username() if item.moderated_by else "",
                when(item.moderated_at),
                item.contact_name,
                item.contact_email,
                _("yes") if item.reply_consent else _("no"),
                when(item.personal_data_purged_at),
            ]
        )
    return [str(cell) for cell in header], rows


def _check_export_permission(request):
    if not request.user.has_perm("participation.view_contribution"):
        raise PermissionDenied


def _filename(extension):
    return f"{_('contributions')}-{timezone.localdate():%Y-%m-%d}.{extension}"


def export_csv(request):
    _check_export_permission(request)
    header, rows = export_rows()
    # The admin language decides the delimiter. Formulas typed by residents are neutralised by the export
    # helper (stadtteil.exports).
    delimiter = exports.csv_delimiter(request.LANGUAGE_CODE)
    return exports.csv_response(header, rows, _filename("csv"), delimiter, private=True)


def export_xlsx(request):
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    _check_export_permission(request)
    header, rows = export_rows()
    book = exports.workbook(header, rows, _("Contributions"))
    sheet = book.active
    widths = [8, 17, 12, 8, 26, 30, 60, 30, 11, 11, 50, 16, 50, 17, 40, 16, 17, 24, 30, 10, 17]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2, min_col=7, max_col=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "B2"
    return exports.xlsx_response(book, _filename("xlsx"), private=True)
