import json

from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from directory.hours import schema_hours
from directory.models import Category, DirectoryEntry

ORGANISATION_CATEGORIES = {"club", "church", "institution"}


def entries_for(page):
    return DirectoryEntry.objects.filter(locale=page.locale, approved=True).select_related("photo")


def index(page, request):
    entries = list(entries_for(page))
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
    for entry in entries:
        entry.url = page.entry_url(entry, request)
    context = page.get_context(request)
    context.update(
        {
            "entries": entries,
            "categories": Category.choices,
            "selected": {"category": category, "open": open_now, "step_free": step_free},
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
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(entry.latitude),
            "longitude": float(entry.longitude),
        }
    if entry.periods and data["@type"] != "Organization":
        data["openingHoursSpecification"] = schema_hours(entry.periods)
    # "</" must not end the script element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def entry(page, request, pk):
    item = entries_for(page).filter(pk=pk).first()
    if item is None:
        raise Http404
    alternate = {}
    for other in page.get_translations(inclusive=True).live().select_related("locale").specific():
        translated = DirectoryEntry.objects.filter(
            translation_key=item.translation_key, locale=other.locale, approved=True
        ).first()
        if translated is not None:
            alternate[other.locale.language_code] = other.entry_url(translated, request)
    url = request.build_absolute_uri(page.entry_url(item, request))
    context = page.get_context(request)
    context.update(
        {
            "entry": item,
            "open_now": item.is_open(),
            "json_ld": json_ld(item, url),
            "alternate_urls": alternate,
            "canonical_url": url,
        }
    )
    return TemplateResponse(request, "directory/entry.html", context)
