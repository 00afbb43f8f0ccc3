"""Machine translation for translators: DeepL when DEEPL_API_KEY is set, off otherwise (wagtail-localize's
machine-translator setting); exercised with wagtail-localize's dummy translator."""

import html
import json
import re
import runpy
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile
from wagtail_localize.machine_translators.deepl import DeepLTranslator
from wagtail_localize.models import StringTranslation, Translation

from news.models import NewsPage
from tests.conftest import staff_login

pytestmark = pytest.mark.django_db

DUMMY = {"CLASS": "wagtail_localize.machine_translators.dummy.DummyTranslator"}
BASE_SETTINGS = Path(settings.BASE_DIR) / "stadtteil" / "settings" / "base.py"


def editor_props(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    match = re.search(r'class="js-translation-editor" data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


@pytest.fixture
def german_translator(client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "de"
    profile.save()
    staff_login(client, admin_user)
    return client


@pytest.fixture
def english_page(demo):
    page = NewsPage.objects.filter(locale=demo["en"]).first()
    translation = Translation.objects.get(source__object_id=page.translation_key, target_locale=demo["en"])
    return page, translation


def test_off_without_a_key(german_translator, english_page, monkeypatch):
    monkeypatch.delenv("DEEPL_API_KEY", raising=False)
    assert runpy.run_path(str(BASE_SETTINGS))["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"] is None
    assert settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR is None
    page, _ = english_page
    assert editor_props(german_translator, page)["machineTranslator"] is None


@pytest.mark.parametrize(
    ("key", "endpoint"),
    [("abc-123:fx", "https://api-free.deepl.com/v2/translate"), ("abc-123", "https://api.deepl.com/v2/translate")],
)
def test_deepl_with_a_key(monkeypatch, key, endpoint):
    monkeypatch.setenv("DEEPL_API_KEY", key)
    config = runpy.run_path(str(BASE_SETTINGS))["WAGTAILLOCALIZE_MACHINE_TRANSLATOR"]
    assert config["CLASS"] == "wagtail_localize.machine_translators.deepl.DeepLTranslator"
    assert config["OPTIONS"]["AUTH_KEY"] == key
    # The free API for free keys, the Pro API otherwise.
    assert DeepLTranslator(config["OPTIONS"]).get_api_endpoint() == endpoint


@override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY)
def test_translation_editor_offers_and_fills_the_segments(german_translator, english_page):
    page, translation = english_page
    StringTranslation.objects.filter(locale=translation.target_locale).delete()
    props = editor_props(german_translator, page)
    # The editor's button reads "Übersetzen mit Dummyübersetzer" (the prefix comes from the JS catalogue).
    assert props["machineTranslator"]["name"] == "Dummyübersetzer"
    url = props["machineTranslator"]["url"]
    assert url == reverse("wagtail_localize:machine_translate", args=[translation.pk])

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = german_translator.post(url, {"next": edit_url})
    assert response.status_code == 302 and response["Location"] == edit_url
    filled = StringTranslation.objects.filter(
        locale=translation.target_locale, translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE
    )
    assert filled.count() == translation.source.stringsegment_set.count() > 0
    # The dummy translator reverses the words: the German teaser comes back reversed.
    source_page = page.get_translation(translation.source.locale)
    teaser = filled.get(context__path="teaser")
    assert teaser.data == " ".join(reversed(source_page.teaser.split(" ")))
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Dummyübersetzer" in m for m in messages), messages


def test_privacy_page_names_deepl_only_when_used():
    from home.demo import _machine_translation_note

    class Pairs:
        def t(self, de, en):
            return de

    assert _machine_translation_note(Pairs()) == []
    with override_settings(WAGTAILLOCALIZE_MACHINE_TRANSLATOR=DUMMY):
        (block,) = _machine_translation_note(Pairs())
    assert "DeepL SE" in block[1] and "Art. 28 DSGVO" in block[1]
