"""The admin pages editors use are German for a German editor: no English interface text.

Each page is rendered as a German superuser (who sees every menu and action); the visible text, the texts of
`title`, `aria-label`, `placeholder` and `alt` attributes and the admin's JavaScript strings are checked against
a list of English words that have no place in a German interface. Content (titles of English pages, names of
English snippets) is left out: the pages below show German content, and text that merely repeats content is
not interface text.
"""

import json
import re

import pytest
from bs4 import BeautifulSoup, Comment
from django.apps import apps
from django.urls import reverse
from wagtail.models import Page, TaskState, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

from news.models import NewsPage
from tests.conftest import staff_login

pytestmark = pytest.mark.django_db

# English words that German interface text does not contain (whole words, any case). Words German shares with
# English (Name, Status, Filter, Editor, Link, Version, Workflow, Live, Start, Details, Info, Tag) are not listed.
_ENGLISH_WORDS = """
    the and with more actions action update updated locale translation translations translate page pages edit
    delete add save saved publish published unpublish draft drafts settings search all none show hide select
    choose uploaded file files title date author view history copy move sort order by of to for from
    this that your you yes back next previous cancel close open submit approve approved reject comment
    comments task tasks report reports user users group groups help shortcuts guide language languages
    english german items results found there are is has have been not or at as be can will created last
    first unknown clear apply document documents images collection collections sync synced
    outdated usage used preview site sites redirect redirects locked lock unlock expiry scheduled account
    profile new here what whats which when where who why how please must should
"""
ENGLISH_WORDS = set(_ENGLISH_WORDS.split())
# Proper names and loanwords a German interface uses as they are.
ALLOWED = {"wagtail", "pdf", "deepl", "leaflet", "openstreetmap"}

TIME_ZONE = re.compile(r"^[A-Z][A-Za-z_]+/[A-Za-z_/+\-0-9]+$")
# Each language's name in its own language, as language choosers show it.
LANGUAGE_NAMES = {"English", "Deutsch"}

WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:'[a-z]+)?")
CHECKED_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt", "data-w-tooltip-content-value")


def english_words(text):
    return {w for w in WORD.findall(text) if w.lower() in ENGLISH_WORDS and w.lower() not in ALLOWED}


def leaves(value):
    """The strings of a nested dict (the JavaScript strings' keys are constants, their values are shown)."""
    if isinstance(value, dict):
        for item in value.values():
            yield from leaves(item)
    elif isinstance(value, str):
        yield value


def interface_texts(html):
    """Visible text and the checked attributes of an admin page, plus the admin's JavaScript strings."""
    soup = BeautifulSoup(html, "html.parser")
    texts = []
    config = soup.find("script", id="wagtail-config")
    if config is not None:
        texts += list(leaves(json.loads(config.string).get("STRINGS", {})))
    for element in soup(["script", "style", "noscript"]):
        element.decompose()
    # Hidden until a script fills them (e.g. Wagtail's comment counter, which says "None" before).
    for element in soup.select("[hidden]"):
        element.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    # Content is not interface: rich text, previews of pages and what editors typed into fields.
    # The editor guide's text is content too (docs/redaktion.md).
    for element in soup.select(".rich-text, textarea, .editorial-guide"):
        element.decompose()
    texts += [text.strip() for text in soup.find_all(string=True) if text.strip()]
    for element in soup.find_all(True):
        for attribute in CHECKED_ATTRIBUTES:
            if element.get(attribute):
                texts.append(element[attribute])
        if element.name == "input" and element.get("type") in {"submit", "button"} and element.get("value"):
            texts.append(element["value"])
    return texts


def content_strings():
    """Titles and names editors typed (German and English content), which are not interface text."""
    strings = set(Page.objects.values_list("title", flat=True))
    for model in get_snippet_models():
        strings |= {str(obj) for obj in model._default_manager.all()[:200]}
    strings |= set(apps.get_model("wagtailimages", "Image").objects.values_list("title", flat=True))
    strings |= set(apps.get_model("wagtaildocs", "Document").objects.values_list("title", flat=True))
    return {s.strip() for s in strings if s}


def english_in(html, content):
    found = []
    long_content = sorted((c for c in content if len(c) > 3), key=len, reverse=True)
    for text in interface_texts(html):
        if text in content or text in LANGUAGE_NAMES or TIME_ZONE.match(text):
            continue
        # Interface text around content ("Weitere Optionen für 'Sport and exercise park'") counts without it.
        if english_words(text):
            for c in long_content:
                if c in text:
                    text = text.replace(c, " ")
        words = english_words(text)
        if words:
            found.append((text[:120], sorted(words)))
    return found


@pytest.fixture
def german_admin(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "de"
    profile.save()
    staff_login(client, admin_user)
    return client


def english_news_page(demo):
    """An English news item that is a wagtail-localize translation: its edit view is the translation editor."""
    page = NewsPage.objects.filter(locale=demo["en"]).first()
    assert Translation.objects.filter(source__object_id=page.translation_key, target_locale=demo["en"]).exists()
    return page


def admin_urls(demo):
    de = demo["de"]
    urls = {
        "dashboard": reverse("wagtailadmin_home"),
        "explorer": reverse("wagtailadmin_explore", args=[demo["de_home"].pk]),
        "search": reverse("wagtailadmin_pages:search") + "?q=Park",
        "documents": reverse("wagtaildocs:index"),
        "documents upload": reverse("wagtaildocs:add_multiple"),
        "images": reverse("wagtailimages:index"),
        "images upload": reverse("wagtailimages:add_multiple"),
        "reports": reverse("wagtailadmin_reports:locked_pages"),
        "aging pages": reverse("wagtailadmin_reports:aging_pages"),
        "site history": reverse("wagtailadmin_reports:site_history"),
        "workflows": reverse("wagtailadmin_workflows:index"),
        "workflow tasks": reverse("wagtailadmin_workflows:task_index"),
        "outdated translations": reverse("editorial:outdated_translations"),
        "guide": reverse("editorial_guide:index"),
        "groups": reverse("wagtailusers_groups:index"),
        "users": reverse("wagtailusers_users:index"),
        "site settings": reverse("wagtailsettings:edit", args=["stadtteil", "sitesettings"]),
        "account": reverse("wagtailadmin_account"),
        "workflow history": None,
    }
    # The page editor of every page type (a German page of each).
    for page in Page.objects.filter(locale=de, depth__gt=1).specific().order_by("path"):
        key = f"page editor {type(page).__name__}"
        urls.setdefault(key, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    # A page's history and the translation editor of an English page.
    urls["page history"] = reverse("wagtailadmin_pages:history", args=[demo["de_home"].pk])
    urls["translation editor"] = reverse("wagtailadmin_pages:edit", args=[english_news_page(demo).pk])
    # Snippet lists (German entries) and the editor of one German snippet each.
    for model in get_snippet_models():
        name = model._meta.model_name
        urls[f"snippets {name}"] = reverse(model.snippet_viewset.get_url_name("list")) + "?locale=de"
        obj = model._default_manager.filter(locale=de).first() if hasattr(model, "locale") else None
        if obj is not None:
            urls[f"snippet editor {name}"] = reverse(model.snippet_viewset.get_url_name("edit"), args=[obj.pk])
    del urls["workflow history"]
    return urls


def test_admin_pages_are_german(german_admin, demo):
    assert Workflow.objects.exists() and TaskState is not None
    content = content_strings()
    failures = {}
    for name, url in admin_urls(demo).items():
        response = german_admin.get(url, follow=True)
        assert response.status_code == 200, (name, url, response.status_code)
        found = english_in(response.content.decode(), content)
        if found:
            failures[name] = found
    report = "\n".join(f"{name}: {found}" for name, found in failures.items())
    assert not failures, f"English interface text for a German editor:\n{report}"


def test_translation_editor_strings_are_german(german_admin, demo):
    """The translation editor is drawn by JavaScript: its strings come from the JavaScript catalogues."""
    page = english_news_page(demo)
    html = german_admin.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "js-translation-editor" in html
    # The script that puts the heading "Deutsch to Englisch translation" through the catalogue.
    assert "js/admin-translation-editor" in html
    script = german_admin.get(reverse("wagtail_localize:javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))
    assert catalogue["Download PO file"] == "PO-Datei herunterladen"
    assert catalogue["%(source)s to %(target)s translation"] == "Übersetzung %(source)s → %(target)s"
    assert catalogue["Translate with "] == "Übersetzen mit "


def test_the_check_finds_english():
    html = '<html><body><button aria-label="More actions">…</button><p>Seite bearbeiten</p></body></html>'
    assert english_in(html, set()) == [("More actions", ["More", "actions"])]
    assert english_in("<p>Mehr Aktionen für Wagtail</p>", set()) == []
