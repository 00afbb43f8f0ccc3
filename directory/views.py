from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from directory.forms import ProposalForm
from directory.hours import schema_hours
from directory.models import Category, DirectoryEntry
from places.maps import feature_collection, geojson_response, tile_settings
from stadtteil import collation, routing, seo
from stadtteil.forms import form_page_response
from stadtteil.guards import RateLimit
from stadtteil.site_url import absolute_url

RATE_LIMIT = RateLimit("directory:propose", "DIRECTORY_RATE_PER_IP")
ORGANISATION_CATEGORIES = {"club", "church", "institution"}
CATEGORY_COLOURS = {
    "shop": "#1f5f3a",
    "service": "#1f3a5f",
    "restaurant": "#8a3b12",
    "club": "#5f1f5a",
    "church": "#4d4d4d",
    "institution": "#005f73",
}


def entries_for(page):
    queryset = DirectoryEntry.objects.filter(locale=page.locale, approved=True).select_related("photo")
    # Renditions prefetched: one query for all the list's photos, not one per entry.
    return queryset.prefetch_related("photo__renditions")


TEXT_FIELDS = ("name", "description", "accessibility_notes")


def mark_source_language(entries, locale):
    """Set `<field>_language` to the source language on each text still the same as in the German entry (not
    translated yet), so that templates mark it with `lang` (one query)."""
    default = settings.LANGUAGE_CODE
    if locale.language_code == default or not entries:
        return entries
    sources = {
        row["translation_key"]: row
        for row in DirectoryEntry.objects.filter(
            locale__language_code=default, translation_key__in=[entry.translation_key for entry in entries]
        ).values("translation_key", *TEXT_FIELDS)
    }
    for entry in entries:
        source = sources.get(entry.translation_key, {})
        for field in TEXT_FIELDS:
            text = getattr(entry, field)
            setattr(entry, f"{field}_language", default if text and source.get(field) == text else "")
    return entries


def filtered_entries(page, request, queryset=None):
    """The entries matching the list's filters (category, open now, step-free); the map layer uses the same."""
    entries = collation.sorted_by(entries_for(page) if queryset is None else queryset, "name")
    category = request.GET.get("category", "")
    if category in Category.values:
        entries = [e for e in entries if e.category == category]
    else:
        category = ""
    open_now = request.GET.get("open") == "1"
    now = timezone.now()
    for entry in entries:
        entry.open_now = entry.is_open(now)
    if open_now:
        entries = [e for e in entries if e.open_now]
    step_free = request.GET.get("step_free") == "1"
    if step_free:
        entries = [e for e in entries if e.step_free]
    return entries, {"category": category, "open": open_now, "step_free": step_free}


def filter_query(selected):
    params = {}
    if selected["category"]:
        params["category"] = selected["category"]
    if selected["open"]:
        params["open"] = "1"
    if selected["step_free"]:
        params["step_free"] = "1"
    return urlencode(params)


def index(page, request):
    entries, selected = filtered_entries(page, request)
    mark_source_language(entries, page.locale)
    base = page.get_url(request)
    for entry in entries:
        entry.url = base + page.reverse_subpage("entry", kwargs={"pk": entry.pk})
    context = page.get_context(request)
    context.update(tile_settings())
    context.update(
        {
            # The map layer shows what the list shows.
            "geojson_url": base
            + page.reverse_subpage("geojson")
            + (f"?{filter_query(selected)}" if filter_query(selected) else ""),
            "entries": entries,
            "categories": Category.choices,
            "propose_url": page.propose_url(request),
            "selected": selected,
        }
    )
    return TemplateResponse(request, "directory/directory_page.html", context)


def json_ld(entry, url):
    data = {
        "@context": "https://schema.org",
        "@type": "Organization" if entry.category in ORGANISATION_CATEGORIES else "LocalBusiness",
        "name": entry.name,
        "description": entry.description,
        "url": url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": entry.street,
            "postalCode": entry.postcode,
            "addressLocality": entry.city,
            "addressCountry": "DE",
        },
    }
    if entry.category == "restaurant":
        data["@type"] = "Restaurant"
    if entry.phone:
        data["telephone"] = entry.phone
    if entry.email:
        data["email"] = entry.email
    if entry.website:
        data["sameAs"] = entry.website
    if entry.latitude is not None and entry.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": float(entry.latitude), "longitude": float(entry.longitude)}
        if data["@type"] == "Organization":
            # schema.org defines `geo` on places only: a club's address and position are its location.
            data["location"] = {"@type": "Place", "address": data.pop("address"), "geo": geo}
        else:
            data["geo"] = geo
    if entry.periods and data["@type"] != "Organization":
        data["openingHoursSpecification"] = schema_hours(entry.periods)
    return seo.json_ld(data)


def entry(page, request, pk):
    item = entries_for(page).filter(pk=pk).first()
    if item is None:
        raise Http404
    mark_source_language([item], page.locale)
    # The entry's translations (approved ones only) on the directory page of their language.
    translated = DirectoryEntry.objects.filter(translation_key=item.translation_key, approved=True)
    pks = dict(translated.values_list("locale_id", "pk"))
    alternate = {
        other.locale.language_code: base + routing.subpath(other, "entry", kwargs={"pk": pks[other.locale_id]})
        for other, base in routing.translations(page, request)
        if other.locale_id in pks
    }
    url = absolute_url(page.entry_url(item, request))
    context = page.get_context(request)
    context.update(
        {
            "entry": item,
            "open_now": item.is_open(),
            "json_ld": json_ld(item, url),
            "alternate_urls": alternate,
            "canonical_url": url,
            "meta_title": item.name,
            "meta_description": seo.description(item),
            "og_image_url": seo.image_url(request, item.photo),
        }
    )
    return TemplateResponse(request, "directory/entry.html", context)


def propose(page, request):
    alternate = routing.alternates(page, "propose", request)
    error, status = None, 200
    if request.method == "POST":
        form = ProposalForm(request.POST, locale=page.locale)
        if RATE_LIMIT.hit(request):
            error, status = _("Too many proposals from your connection. Please try again in an hour."), 429
        elif form.is_bot:
            return HttpResponseRedirect(page.propose_url(request) + "?sent=1")
        elif form.is_valid():
            entry = form.save(commit=False)
            entry.locale = page.locale
            entry.approved = False
            entry.website = form.cleaned_data["website_url"]
            entry.save()
            return HttpResponseRedirect(page.propose_url(request) + "?sent=1")
    elif request.method in ("GET", "HEAD"):
        form = ProposalForm(locale=page.locale)
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    response = form_page_response(page, request, "directory/propose.html", form, alternate, error, status)
    response["Cache-Control"] = "private, no-store"
    return response


def geojson(page, request):
    """The approved entries with a map point, for the map layer (places/map.js reads it)."""
    base = page.get_url(request)

    def properties(item):
        return {
            "title": item.name,
            "url": base + page.reverse_subpage("entry", kwargs={"pk": item.pk}),
            "colour": CATEGORY_COLOURS.get(item.category),
            "popup_link_text": _("Details"),
            # Names the measures map script expects for the popup's second line.
            "field_of_action": item.get_category_display(),
            "status_label": item.address,
            "category": item.category,
        }

    entries, _selected = filtered_entries(
        page, request, entries_for(page).exclude(latitude=None).exclude(longitude=None)
    )
    return geojson_response(feature_collection(entries, properties))
