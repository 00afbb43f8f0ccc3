"""Content quality: alt text required unless decorative, focal points in renditions, the image upload limit,
and the BITV content checks in the user bar and the editor's checks panel."""

import io
import json
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.test.utils.form_data import streamfield

from editorial.roles import REDAKTION
from stadtteil.blocks import BodyStreamBlock

from .conftest import page_form

ALT_TEXT_DE = "Bitte füge etwas Alternativtext für dein Bild hinzu oder markiere es als dekorativ"


@pytest.fixture
def image(db):
    return get_image_model().objects.create(title="Testbild", file=get_test_image_file())


def image_block(image, alt_text="", decorative=False):
    return [{"type": "image", "value": {"image": {"image": image.pk, "alt_text": alt_text, "decorative": decorative}}}]


def test_image_without_alt_text_fails_validation(image):
    block = BodyStreamBlock()
    with translation.override("de"), pytest.raises(ValidationError) as error:
        block.clean(block.to_python(image_block(image)))
    assert ALT_TEXT_DE in json.dumps(error.value.as_json_data(), ensure_ascii=False)


@pytest.mark.parametrize(("alt_text", "decorative"), [("Die Neue Mitte mit Brunnen", False), ("", True)])
def test_image_with_alt_text_or_decorative_is_valid(image, alt_text, decorative):
    block = BodyStreamBlock()
    block.clean(block.to_python(image_block(image, alt_text, decorative)))


def test_page_editor_refuses_image_without_alt_text(make_user, login, draft_page, image):
    client = login(make_user("rita", REDAKTION))
    body = streamfield([("image", {"image": {"image": image.pk, "alt_text": "", "decorative": ""}, "caption": ""})])
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_page.pk]),
        page_form(draft_page, body=body, **{"action-submit": "submit"}),
    )
    assert response.status_code == 200  # the form comes back with the error
    errors = response.context["form"].errors["body"].as_data()[0]
    assert ALT_TEXT_DE in json.dumps(errors.as_json_data(), ensure_ascii=False)
    draft_page.refresh_from_db()
    assert draft_page.get_latest_revision().content["title"] == "Testseite"
    assert not draft_page.workflow_in_progress

    body = streamfield(
        [("image", {"image": {"image": image.pk, "alt_text": "Der Platz", "decorative": ""}, "caption": ""})]
    )
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft_page.pk]),
        page_form(draft_page, body=body, **{"action-submit": "submit"}),
    )
    assert response.status_code == 302


def _two_colour_image():
    picture = PILImage.new("RGB", (400, 200), (255, 0, 0))
    picture.paste((0, 0, 255), (200, 0, 400, 200))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Zweifarbig", file=SimpleUploadedFile("zweifarbig.png", buffer.getvalue(), content_type="image/png")
    )


def _centre_colour(rendition):
    with rendition.file.open("rb") as handle:
        picture = PILImage.open(handle).convert("RGB")
        return picture.getpixel((picture.width // 2, picture.height // 2))


def test_fill_renditions_crop_around_the_focal_point(db):
    image = _two_colour_image()
    image.set_focal_point(None)
    image.focal_point_x, image.focal_point_y, image.focal_point_width, image.focal_point_height = 50, 100, 20, 20
    image.save()
    left = image.get_rendition("fill-100x100")
    assert (left.width, left.height) == (100, 100)
    red, _, blue = _centre_colour(left)
    assert red > 200 and blue < 50

    image.focal_point_x = 350
    image.save()
    right = image.get_rendition("fill-100x100")
    assert right.focal_point_key != left.focal_point_key
    red, _, blue = _centre_colour(right)
    assert blue > 200 and red < 50


def test_upload_limit_is_set():
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 20 * 1024 * 1024


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=1024)
def test_too_large_image_is_refused_with_a_clear_message(admin_client):
    count = get_image_model().objects.count()
    picture = PILImage.effect_noise((200, 200), 100).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    assert len(buffer.getvalue()) > 1024
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Zu groß", "file": SimpleUploadedFile("gross.png", buffer.getvalue(), content_type="image/png")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(r"Die Datei ist zu groß \([^)]+\)\. Maximale Dateigröße 1(,0)?\s*KB", html), html[:0]
    assert get_image_model().objects.count() == count


def test_upload_form_states_the_limit(admin_client):
    html = admin_client.get(reverse("wagtailimages:add")).content.decode()
    assert "Maximale Dateigröße: 20,0" in html or "Maximale Dateigröße: 20.0" in html


def _axe_config(html):
    match = re.search(r'<script id="checker-axe-configuration" type="application/json">(.*?)</script>', html, re.S)
    assert match, "no content checker configuration"
    return json.loads(match.group(1))


def test_user_bar_runs_bitv_checks(admin_client, demo):
    html = admin_client.get(demo["de_home"].url).content.decode()
    config = _axe_config(html)
    rules = config["options"]["runOnly"]
    for rule in ("image-alt", "link-name", "heading-order", "valid-lang", "th-has-data-cells", "color-contrast"):
        assert rule in rules
    assert config["messages"]["image-alt"]["error_name"] == "Bild ohne Alternativtext"


def test_editor_checks_panel_runs_bitv_checks(admin_client, demo):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[demo["de_home"].pk])).content.decode()
    assert "video-caption" in html and "image-alt" in html


def test_no_user_bar_for_visitors(client, demo):
    assert "checker-axe-configuration" not in client.get(demo["de_home"].url).content.decode()
