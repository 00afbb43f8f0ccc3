"""Subscribing (on the newsletter page), confirming, changing preferences and unsubscribing.

Every answer here is private (never cached) and keeps its URL out of Referer headers sent to other sites: the
links carry secrets.
"""

import uuid
from functools import partial

from django.core import signing
from django.db import IntegrityError, transaction
from django.http import (
    Http404,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from stadtteil import routing
from stadtteil.guards import RateLimit, refuse_oversized
from stadtteil.localization import active_language
from stadtteil.security import private_response, same_origin_post
from stadtteil.site_url import absolute_url
from subscriptions import follow, links, tasks
from subscriptions.forms import FollowForm, PreferencesForm, SubscribeForm
from subscriptions.models import CONSENT_VERSION, NewsletterPage, Subscriber, new_token
from subscriptions.topics import topic_choices

# Larger requests are not a person filling in the form: 400 before anything is looked at.
MAX_BODY_BYTES = 16 * 1024
MAX_VALUE_LENGTH = 1000
MAX_VALUES = 100
RATE_PER_IP = RateLimit("subscriptions:ip", "SUBSCRIPTIONS_RATE_PER_IP")
RATE_PER_ADDRESS = RateLimit("subscriptions:address", "SUBSCRIPTIONS_RATE_PER_ADDRESS")


# --- the newsletter page ---------------------------------------------------------------------------------------


def newsletter_page(page, request):
    language = translation.get_language()
    if request.method == "POST":
        refuse_oversized(request, MAX_BODY_BYTES, max_values=MAX_VALUES, max_value_length=MAX_VALUE_LENGTH)
        form = SubscribeForm(request.POST, language=language)
        if RATE_PER_IP.hit(request):
            return _render_page(page, request, form, status=429, error=_too_many())
        if form.is_bot:
            # Same answer as a real request; nothing stored, nothing sent.
            return private_response(HttpResponseRedirect(page.get_url(request) + "?sent=1"))
        if form.is_valid():
            email = form.cleaned_data["email"]
            if RATE_PER_ADDRESS.hit(request, key=lambda group, request: email):
                return _render_page(page, request, form, status=429, error=_too_many())
            subscribe(form.cleaned_data, absolute_url(form.cleaned_data["form_url"] or page.url))
            return private_response(HttpResponseRedirect(page.get_url(request) + "?sent=1"))
    elif request.method in ("GET", "HEAD"):
        form = SubscribeForm(language=language, form_url=request.path)
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    return _render_page(page, request, form, sent=request.GET.get("sent") == "1")


@same_origin_post
def footer_subscribe(request):
    """The footer form's target: checked like the newsletter page's own form (rate limits, honeypot, double
    opt-in); it carries no CSRF token so that every page stays cacheable (stadtteil.security.same_origin_post).
    Errors show on the newsletter page."""
    page = NewsletterPage.objects.live().filter(locale__language_code=translation.get_language()).first()
    if page is None:
        raise Http404
    return newsletter_page(page, request)


def _too_many():
    return _("Too many requests. Please try again in an hour.")


def _render_page(page, request, form, status=200, error=None, sent=False):
    context = page.get_context(request)
    _topics, places = follow_targets()
    area_form = FollowForm(places=places, auto_id="area-%s", initial={"form_url": request.path})
    context.update({"form": form, "error": error, "sent": sent, "area_form": area_form, **_area_map()})
    response = TemplateResponse(request, page.get_template(request), context, status=status)
    return private_response(response)


def subscribe(data, consent_url):
    """Record a subscription request and send the confirmation link; the same answer whatever exists."""
    email = data["email"]
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            # Nothing changes for a confirmed address (nobody else may change it); the owner gets their links.
            transaction.on_commit(partial(tasks.send_already_subscribed.enqueue, subscriber.pk))
            return
        subscriber = subscriber or Subscriber(email=email)
        subscriber.language = data["language"]
        subscriber.consent_at = timezone.now()
        subscriber.consent_url = consent_url[:500]
        subscriber.consent_version = CONSENT_VERSION
        # A new request makes older confirmation links void.
        subscriber.token = new_token()
        try:
            with transaction.atomic():
                subscriber.save()
        except IntegrityError:
            return  # the same address was just submitted in parallel
        subscriber.set_topics(data["topics"])
        transaction.on_commit(partial(tasks.send_confirmation.enqueue, subscriber.pk))


# --- following a measure or an area ----------------------------------------------------------------------------


def follow_targets(measure=None):
    """What the follow form offers: the measure and its fields of action (on a measure page), or the fields of
    action (elsewhere); and the directory addresses that have a place on the map, for an area."""
    from directory.models import DirectoryEntry

    language = active_language()
    fields = dict(topic_choices())
    topics = []
    if measure is not None:
        topics.append((follow.measure_key(measure), _("This measure: %(title)s") % {"title": measure.title}))
        keys = follow.measure_topics(measure) - {follow.measure_key(measure)}
        label = _("Field of action: %(name)s")
        topics += [(key, label % {"name": fields[key]}) for key in sorted(keys) if key in fields]
    else:
        topics += [(key, label) for key, label in fields.items() if key.startswith(follow.FIELD_PREFIX)]
    places = (
        DirectoryEntry.objects.filter(locale__language_code=language, approved=True)
        .exclude(latitude=None)
        .exclude(longitude=None)
        .order_by("name")
    )
    return topics, list(places)


def _area_map():
    """Where the area form's map starts and where its tiles come from (the measures map's settings)."""
    from participation.forms import MAP_CENTRE
    from places.maps import tile_settings

    return {"map_centre": MAP_CENTRE, **tile_settings()}


def _measure_from_post(request):
    """The live measure whose page posted the form (its key is among the topics), or None."""
    from projects.models import ProjectPage

    for key in request.POST.getlist("topics"):
        if key.startswith(follow.MEASURE_PREFIX):
            try:
                translation_key = uuid.UUID(key.removeprefix(follow.MEASURE_PREFIX))
            except ValueError:
                return None  # not a measure: the form refuses the choice
            return (
                ProjectPage.objects.live()
                .filter(translation_key=translation_key, locale__language_code=translation.get_language())
                .first()
            )
    return None


@same_origin_post
def follow_view(request):
    """The target of the follow forms (measure pages, the newsletter page): the same guards and double opt-in as
    subscribing. Without a CSRF token, so that measure pages stay cacheable (stadtteil.security.same_origin_post)."""
    refuse_oversized(request, MAX_BODY_BYTES, max_values=MAX_VALUES, max_value_length=MAX_VALUE_LENGTH)
    measure = _measure_from_post(request)
    topics, places = follow_targets(measure)
    form = FollowForm(request.POST, topics=topics, places=places)
    action = reverse("subscriptions:follow")
    context = {"form": form, "measure": measure, "action": action, "with_area": measure is None, **_area_map()}
    if RATE_PER_IP.hit(request):
        return _render(request, "follow", {**context, "error": _too_many()}, status=429)
    if form.is_bot:
        return _render(request, "follow", {**context, "sent": True})
    if not form.is_valid():
        return _render(request, "follow", context, status=400)
    email = form.cleaned_data["email"]
    if RATE_PER_ADDRESS.hit(request, key=lambda group, request: email):
        return _render(request, "follow", {**context, "error": _too_many()}, status=429)
    consent_url = absolute_url(form.cleaned_data["form_url"] or request.path)
    request_follow(email, translation.get_language(), form.cleaned_data["keys"], consent_url)
    return _render(request, "follow", {**context, "sent": True})


def request_follow(email, language, keys, consent_url):
    """Like `subscribe`, but adds the followed keys to the topics an unconfirmed request has. A confirmed address
    gets a link that adds them: nobody but its owner may change what it receives."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(email=email).first()
        if subscriber is not None and subscriber.status == Subscriber.Status.CONFIRMED:
            transaction.on_commit(partial(tasks.send_follow_request.enqueue, subscriber.pk, sorted(keys)))
            return
        existing = subscriber.topic_keys if subscriber is not None else []
        subscribe(
            {"email": email, "language": language, "topics": sorted({*existing, *keys})},
            consent_url,
        )


# --- links from e-mails ----------------------------------------------------------------------------------------


def _render(request, template, context, status=200, alternate=None):
    context = {"alternate_urls": alternate or {}, **context}
    return private_response(TemplateResponse(request, f"subscriptions/{template}.html", context, status=status))


def _subscriber(token):
    if not token or len(token) > 64:
        return None
    return Subscriber.objects.filter(token=token).first()


def confirm(request, value):
    """GET shows a button (so that link scanners confirm nothing), POST confirms."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    alternate = routing.reverse_alternates("subscriptions:confirm", kwargs={"value": value})
    try:
        token, add = links.read_confirmation(value)
    except signing.SignatureExpired:
        return _render(request, "confirm", {"problem": "expired"}, status=410, alternate=alternate)
    except signing.BadSignature:
        return _render(request, "confirm", {"problem": "invalid"}, status=400, alternate=alternate)
    subscriber = _subscriber(token)
    if subscriber is None:
        # Replaced by a newer request, unsubscribed, or purged.
        return _render(request, "confirm", {"problem": "unknown"}, status=404, alternate=alternate)
    adding = subscriber.status == Subscriber.Status.CONFIRMED and bool(add)
    context = {"subscriber": subscriber, "adding": adding}
    if adding:
        context["labels"] = list(follow.follow_labels(add).values())
        if set(add) <= set(subscriber.topic_keys):
            return _render(request, "confirm", {**context, "done": True}, alternate=alternate)
    elif subscriber.status == Subscriber.Status.CONFIRMED:
        return _render(request, "confirm", {**context, "done": True}, alternate=alternate)
    if request.method == "POST":
        with transaction.atomic():
            if adding:
                subscriber.set_topics({*subscriber.topic_keys, *add})
            else:
                subscriber.status = Subscriber.Status.CONFIRMED
                subscriber.confirmed_at = timezone.now()
                subscriber.save(update_fields=["status", "confirmed_at"])
        return _render(request, "confirm", {**context, "done": True}, alternate=alternate)
    return _render(request, "confirm", context, alternate=alternate)


def preferences(request, token):
    alternate = routing.reverse_alternates("subscriptions:preferences", kwargs={"token": token})
    subscriber = _subscriber(token)
    if subscriber is None:
        return _render(request, "preferences", {"problem": "unknown"}, status=404, alternate=alternate)
    saved = False
    # The general topics and fields of action, plus the measures and areas this subscriber follows.
    choices = topic_choices() + follow.follow_choices(subscriber.topic_keys)
    if request.method == "POST":
        refuse_oversized(request, MAX_BODY_BYTES, max_values=MAX_VALUES, max_value_length=MAX_VALUE_LENGTH)
        form = PreferencesForm(request.POST, topics=choices)
        if form.is_valid():
            with transaction.atomic():
                subscriber.language = form.cleaned_data["language"]
                subscriber.save(update_fields=["language"])
                subscriber.set_topics(form.cleaned_data["topics"])
            saved = True
    elif request.method in ("GET", "HEAD"):
        form = PreferencesForm(
            initial={"language": subscriber.language, "topics": subscriber.topic_keys}, topics=choices
        )
    else:
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    context = {
        "subscriber": subscriber,
        "form": form,
        "saved": saved,
        "unsubscribe_url": reverse("subscriptions:unsubscribe", kwargs={"token": token}),
    }
    return _render(request, "preferences", context, alternate=alternate)


@csrf_exempt
def unsubscribe(request, token):
    """RFC 8058: a POST (from the mail client, without a CSRF token) unsubscribes at once; a GET asks first."""
    alternate = routing.reverse_alternates("subscriptions:unsubscribe", kwargs={"token": token})
    subscriber = _subscriber(token)
    if request.method == "POST":
        if subscriber is not None:
            subscriber.forget()
        # The same answer for a second click or an unknown link: the address is not (any longer) subscribed.
        return _render(request, "unsubscribe", {"done": True}, alternate=alternate)
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD", "POST"])
    if subscriber is None:
        return _render(request, "unsubscribe", {"problem": "unknown"}, status=404, alternate=alternate)
    return _render(request, "unsubscribe", {"subscriber": subscriber}, alternate=alternate)
