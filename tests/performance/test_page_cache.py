"""The full-page cache as visitors and editors meet it: hits, invalidation on publishing, and what is never cached."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site

from home.models import HomePage, StandardPage
from projects.models import ProjectPage
from stadtteil.models import SiteSettings, SiteTexts
from stadtteil.page_cache import PageCacheMiddleware
from tests.conftest import demo_page, demo_url, staff_login


def publish(page, user, **changes):
    page = page.specific
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user).publish(user=user)
    return page


def about(language="de"):
    return demo_page(StandardPage, "ueber-das-projekt", language)


def test_second_anonymous_request_is_a_hit_without_queries(client, demo, page_cache, django_assert_num_queries):
    url = about().url
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "MISS"
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert "Ein Stadtteil mit Geschichte" in second.content.decode()
    assert second["Content-Type"] == first["Content-Type"]
    assert second["Content-Language"] == "de"


def test_cached_pages_are_public_for_a_short_while_and_vary_on_cookie(client, demo, page_cache, settings):
    settings.PAGE_CACHE_MAX_AGE = 45
    url = demo_url(HomePage, lang="en")
    for response in (client.get(url), client.get(url)):
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        assert cache_control == {"public", "max-age=45"}
        assert "Cookie" in response["Vary"]


def test_measure_pages_with_the_short_form_are_cached(client, demo, page_cache):
    url = demo_url(ProjectPage, "spielplatz-rosenstrasse")
    first = client.get(url)
    assert f'action="{reverse("participation:send")}"' in first.content.decode()
    assert first["X-Cache"] == "MISS"
    second = client.get(url)
    assert second["X-Cache"] == "HIT"
    assert "csrftoken" not in second.cookies


def test_head_is_answered_from_the_cache(client, demo, page_cache):
    home = demo_url(HomePage)
    client.get(home)
    assert client.head(home)["X-Cache"] == "HIT"


def test_key_is_the_full_url_and_language(client, demo, page_cache):
    home = demo_url(HomePage)
    assert client.get(home)["X-Cache"] == "MISS"
    assert client.get(f"{home}?page=2")["X-Cache"] == "MISS"
    assert client.get(f"{home}?page=2")["X-Cache"] == "HIT"
    english = client.get(demo_url(HomePage, lang="en"))
    assert english["X-Cache"] == "MISS"
    assert "Shaping Heeren-Werve together" in english.content.decode()
    # Another host name is another key (absolute URLs in the page differ).
    assert client.get(home, HTTP_HOST="example.org")["X-Cache"] == "MISS"


def test_publishing_a_page_invalidates_every_page(client, demo, page_cache, admin_user):
    url, home_url = about().url, demo_url(HomePage)
    client.get(url)
    client.get(home_url)
    publish(about(), admin_user, title="Über das Stadtteilprojekt")
    detail = client.get(url)
    assert detail["X-Cache"] == "MISS"
    assert "Über das Stadtteilprojekt" in detail.content.decode()
    home = client.get(home_url)  # the menu on the home page shows the new title too
    assert home["X-Cache"] == "MISS"
    assert "Über das Stadtteilprojekt" in home.content.decode()


def test_publishing_a_translation_invalidates(client, demo, page_cache, admin_user):
    url = about("en").url
    client.get(url)
    publish(about("en"), admin_user, intro="A freshly synced English introduction.")
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "A freshly synced English introduction." in response.content.decode()


def test_unpublishing_a_page_invalidates(client, demo, page_cache, admin_user):
    url, home = about().url, demo_url(HomePage)
    assert client.get(url).status_code == 200
    assert "Über das Projekt" in client.get(home).content.decode()
    about().unpublish(user=admin_user)
    assert client.get(url).status_code == 404
    assert f'href="{url}"' not in client.get(home).content.decode()


def test_saving_a_draft_does_not_invalidate(client, demo, page_cache, admin_user):
    page = about()
    client.get(page.url)
    page.title = "Nur ein Entwurf"
    page.save_revision(user=admin_user)
    response = client.get(page.url)
    assert response["X-Cache"] == "HIT"
    assert "Nur ein Entwurf" not in response.content.decode()


def test_moving_and_deleting_pages_invalidate(client, demo, page_cache, admin_user):
    parent = demo["de_home"]
    child = StandardPage(title="Unterseite", slug="unterseite", show_in_menus=True)
    parent.add_child(instance=child)
    publish(child, admin_user)
    old_url = child.url
    client.get(old_url)
    assert client.get(old_url)["X-Cache"] == "HIT"
    child.move(about(), pos="last-child", user=admin_user)
    new_url = Page.objects.get(pk=child.pk).url
    assert client.get(old_url).status_code == 301  # Wagtail's automatic redirect to the new place
    assert client.get(new_url).status_code == 200
    assert client.get(new_url)["X-Cache"] == "HIT"
    Page.objects.get(pk=child.pk).delete()
    assert client.get(new_url).status_code == 404


def test_editing_a_snippet_invalidates(client, demo, page_cache):
    home = demo_url(HomePage)
    client.get(home)
    texts = SiteTexts.objects.get(locale=demo["de"])
    texts.site_name = "Heeren-Werve im Wandel"
    texts.save()
    response = client.get(home)
    assert response["X-Cache"] == "MISS"
    assert "Heeren-Werve im Wandel" in response.content.decode()


def test_editing_a_translated_snippet_invalidates_the_other_language(client, demo, page_cache):
    home = demo_url(HomePage, lang="en")
    client.get(home)
    texts = SiteTexts.objects.get(locale=demo["en"])
    texts.opening_hours = "Thursdays only"
    texts.save()
    assert "Thursdays only" in client.get(home).content.decode()


def test_editing_a_setting_invalidates(client, demo, page_cache):
    url = demo_url(StandardPage, "impressum")
    client.get(url)
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.phone = "02307 999-1"
    site_settings.save()
    response = client.get(url)
    assert response["X-Cache"] == "MISS"
    assert "02307 999-1" in client.get(demo_url(HomePage)).content.decode()


def test_saving_or_deleting_a_document_or_image_invalidates(client, demo, page_cache):
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    home = demo_url(HomePage)
    client.get(home)
    document = get_document_model().objects.first()
    document.title = "Neuer Titel"
    document.save()
    assert client.get(home)["X-Cache"] == "MISS"
    image = get_image_model().objects.first()
    image.title = "Neues Bild"
    image.save()
    assert client.get(home)["X-Cache"] == "MISS"
    document.delete()
    assert client.get(home)["X-Cache"] == "MISS"


def test_rendering_a_new_image_size_does_not_invalidate(client, demo, page_cache):
    from wagtail.images import get_image_model

    home = demo_url(HomePage)
    client.get(home)
    get_image_model().objects.first().get_rendition("width-123")  # creates a rendition row
    assert client.get(home)["X-Cache"] == "HIT"


def test_a_new_view_restriction_invalidates_and_the_password_form_is_not_cached(client, demo, page_cache):
    page = about()
    client.get(page.url)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="geheim")
    response = client.get(page.url)
    assert "Ein Stadtteil mit Geschichte" not in response.content.decode()
    assert response["X-Cache"] == "BYPASS"  # the form carries a CSRF token
    assert "no-store" in response["Cache-Control"]


def test_staff_never_get_or_fill_the_cache(client, admin_client, demo, page_cache):
    home = demo_url(HomePage)
    staff = admin_client.get(home)
    assert staff["X-Cache"] == "BYPASS"
    assert "private" in staff["Cache-Control"] and "no-store" in staff["Cache-Control"]
    assert "userbar" in staff.content.decode()  # the editor's bar is in the staff page …
    admin_client.logout()
    anonymous = client.get(home)
    assert anonymous["X-Cache"] == "MISS"  # … which was not stored
    assert "userbar" not in anonymous.content.decode()
    staff_login(client, get_user_model().objects.get(username="admin"))
    again = client.get(home)
    assert again["X-Cache"] == "BYPASS"  # and a cached anonymous page is not served to staff
    assert "userbar" in again.content.decode()


@pytest.mark.parametrize("cookie", ["sessionid", "messages"])
def test_session_or_message_cookie_bypasses(client, demo, page_cache, cookie):
    home = demo_url(HomePage)
    client.get(home)
    client.cookies[cookie] = "something"
    assert client.get(home)["X-Cache"] == "BYPASS"


@pytest.mark.parametrize("path", ["/admin/login/", "/healthz", "/robots.txt"])
def test_admin_and_health_are_never_cached(client, demo, page_cache, path):
    client.get(path)
    response = client.get(path)
    if path == "/robots.txt":
        assert response["X-Cache"] == "HIT"  # a public view: cached, with its own max-age kept
        assert "max-age=86400" in response["Cache-Control"]
    else:
        assert response.get("X-Cache") != "HIT"


def test_documents_are_not_cached(client, demo, page_cache):
    from wagtail.documents import get_document_model

    url = get_document_model().objects.first().url
    client.get(url)
    assert client.get(url).get("X-Cache") == "BYPASS"


def test_not_found_and_redirects_are_not_cached(client, demo, page_cache):
    assert client.get("/de/gibt-es-nicht/").status_code == 404  # a made-up path
    assert client.get("/de/gibt-es-nicht/")["X-Cache"] == "BYPASS"
    assert client.get("/")["X-Cache"] == "BYPASS"


def test_post_is_never_cached(client, demo, page_cache):
    home = demo_url(HomePage)
    client.get(home)
    assert client.post(home)["X-Cache"] == "BYPASS"


def test_switched_off_it_does_nothing(client, demo, page_cache, settings):
    settings.PAGE_CACHE_ENABLED = False
    home = demo_url(HomePage)
    client.get(home)
    assert "X-Cache" not in client.get(home)


def test_with_the_page_cache_off_the_frame_data_is_shared_and_renewed_on_publishing(
    client, demo, page_cache, settings, admin_user, django_assert_max_num_queries
):
    """Menu, footer links, site texts and home teasers are kept between requests (stadtteil.page_cache.
    shared_data) even with the page cache off, and renewed by the same events that make cached pages stale."""
    settings.PAGE_CACHE_ENABLED = False
    url, home = about().url, demo_url(HomePage)
    client.get(url)
    with django_assert_max_num_queries(12):
        assert "Über das Projekt" in client.get(url).content.decode()
    publish(about(), admin_user, title="Über das Stadtteilprojekt")
    menu = client.get(home).content.decode()
    assert "Über das Stadtteilprojekt" in menu  # the menu item, rendered from fresh data
    texts = SiteTexts.objects.get(locale__language_code="de")
    texts.funding_notice = "Gefördert im Programm Lebendige Zentren."
    texts.save()
    assert "Gefördert im Programm Lebendige Zentren." in client.get(home).content.decode()


def test_approving_a_contribution_renews_cached_measure_pages(client, demo, page_cache):
    from participation.models import Contribution

    measure = demo_page(ProjectPage, "spielplatz-rosenstrasse")
    contribution = Contribution.objects.create(message="Eine Rutsche für die Kleinen", measure=measure)
    assert "Eine Rutsche für die Kleinen" not in client.get(measure.url).content.decode()
    assert client.get(measure.url)["X-Cache"] == "HIT"
    contribution.status = Contribution.Status.APPROVED
    contribution.save()
    response = client.get(measure.url)
    assert response["X-Cache"] == "MISS"
    assert "Eine Rutsche für die Kleinen" in response.content.decode()


def test_a_new_budget_year_renews_the_cached_fund_page(client, demo, page_cache):
    from fund.models import FundPage, FundYear

    page = demo_page(FundPage)
    client.get(page.url)
    assert client.get(page.url)["X-Cache"] == "HIT"
    FundYear.objects.create(year=2031, budget=Decimal("12345"))
    response = client.get(page.url)
    assert response["X-Cache"] == "MISS"


# The rules for responses, on small views behind the real middleware.
def run(view, settings, path="/de/x/", cookies=None, method="get"):
    settings.PAGE_CACHE_ENABLED = True
    middleware = PageCacheMiddleware(CsrfViewMiddleware(view))
    factory = RequestFactory()
    responses = []
    for _ in range(2):
        request = getattr(factory, method)(path)
        request.COOKIES.update(cookies or {})
        responses.append(middleware(request))
    return responses


def csrf_view(request):
    return HttpResponse(f'<form method="post"><input name="csrfmiddlewaretoken" value="{get_token(request)}"></form>')


def cookie_view(request):
    response = HttpResponse("hello")
    response.set_cookie("consent", "1")
    return response


def private_view(request):
    response = HttpResponse("yours")
    response["Cache-Control"] = "private"
    return response


def vary_view(request):
    response = HttpResponse("depends")
    response["Vary"] = "User-Agent"
    return response


def nonce_view(request):
    response = HttpResponse("<script nonce=abc></script>")
    response["Content-Security-Policy"] = "script-src 'nonce-abc'"
    return response


def error_view(request):
    return HttpResponse("oops", status=500)


@pytest.mark.parametrize(
    "view", [csrf_view, cookie_view, private_view, vary_view, nonce_view, error_view], ids=lambda v: v.__name__
)
def test_responses_that_must_not_be_shared_are_not_cached(settings, page_cache, view):
    first, second = run(view, settings)
    assert first["X-Cache"] == second["X-Cache"] == "BYPASS"


def test_forms_and_cookie_responses_are_marked_private(settings, page_cache):
    for view in (csrf_view, cookie_view):
        response = run(view, settings)[1]
        assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_csrf_token_is_not_shared_even_with_an_existing_csrf_cookie(settings, page_cache):
    first, second = run(csrf_view, settings, cookies={"csrftoken": "a" * 32})
    assert second["X-Cache"] == "BYPASS"


def test_a_plain_view_is_cached(settings, page_cache):
    first, second = run(lambda request: HttpResponse("same for all"), settings)
    assert (first["X-Cache"], second["X-Cache"]) == ("MISS", "HIT")
    assert second.content == b"same for all"


def test_cache_outage_serves_uncached(client, demo, page_cache, monkeypatch):
    from stadtteil import page_cache as module

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("cache down")

    home = demo_url(HomePage)
    monkeypatch.setattr(module, "cache", Broken())
    response = client.get(home)
    assert response.status_code == 200
    assert response["X-Cache"] == "BYPASS"


def test_a_new_release_reads_nothing_the_previous_one_cached(client, demo, page_cache, settings):
    """After a deploy (settings.RELEASE) neither cached pages nor shared page data of the previous code are read."""
    home = demo_url(HomePage)
    assert client.get(home)["X-Cache"] == "MISS"
    assert client.get(home)["X-Cache"] == "HIT"
    # A change no signal reports: the shared page data keeps the old site texts until the release changes.
    SiteTexts.objects.filter(locale__language_code="de").update(funding_notice="Neu seit dem Deploy.")
    settings.PAGE_CACHE_ENABLED = False
    assert "Neu seit dem Deploy." not in client.get(home).content.decode()
    settings.RELEASE = f"{settings.RELEASE}-next"
    assert "Neu seit dem Deploy." in client.get(home).content.decode()
    settings.PAGE_CACHE_ENABLED = True
    assert client.get(home)["X-Cache"] == "MISS"
