"""Choosers, selects and checkbox lists in the page editor offer the objects of the page's own language only."""

import re

import pytest
from wagtail.models import Page

from news.models import EventPage, NewsCategory, NewsIndexPage, NewsPage, Venue
from projects.models import FieldOfAction, ProjectIndexPage, ProjectPage

pytestmark = pytest.mark.django_db


def checkbox_labels(html, name):
    """The labels of the checkboxes called `name` in a rendered form."""
    ids = re.findall(rf'<input type="checkbox" name="{name}" value="\d+"[^>]*id="([^"]+)"', html)
    return [re.search(rf'<label for="{i}"[^>]*>\s*<input[^>]*>\s*(.*?)\s*</label>', html, re.S).group(1) for i in ids]


def test_measure_editor_lists_each_field_of_action_once(admin_client, demo):
    measure = ProjectPage.objects.filter(locale=demo["de"]).first()
    response = admin_client.get(f"/admin/pages/{measure.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    german = list(FieldOfAction.objects.filter(locale=demo["de"]).values_list("name", flat=True))
    english = set(FieldOfAction.objects.filter(locale=demo["en"]).values_list("name", flat=True)) - set(german)
    labels = checkbox_labels(html, "further_fields")
    assert sorted(labels) == sorted(german)
    assert len(labels) == len(german) > 1
    assert english and not english & set(labels)


def test_new_measure_in_german_offers_german_fields_only(admin_client, demo):
    index = ProjectIndexPage.objects.get(locale=demo["de"])
    response = admin_client.get(f"/admin/pages/add/projects/projectpage/{index.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    for name in ("field_of_action", "further_fields"):
        assert set(form.fields[name].queryset.values_list("locale__language_code", flat=True)) == {"de"}


def test_english_measure_form_offers_english_fields_only(demo):
    measure = ProjectPage.objects.filter(locale=demo["en"]).first()
    form_class = ProjectPage.get_edit_handler().get_form_class()
    form = form_class(instance=measure, parent_page=measure.get_parent())
    english = set(FieldOfAction.objects.filter(locale=demo["en"]).values_list("pk", flat=True))
    # What the page links to already stays choosable (so saving loses nothing), nothing else of another language.
    linked = set(measure.further_fields.values_list("pk", flat=True))
    assert set(form.fields["further_fields"].queryset.values_list("pk", flat=True)) == english | linked
    assert set(form.fields["field_of_action"].queryset.values_list("pk", flat=True)) == english | {
        measure.field_of_action_id
    }
    assert len(english) == FieldOfAction.objects.filter(locale=demo["de"]).count()


def test_news_editor_inline_choosers_offer_the_page_language(admin_client, demo):
    index = NewsIndexPage.objects.get(locale=demo["de"])
    response = admin_client.get(f"/admin/pages/add/news/newspage/{index.pk}/")
    assert response.status_code == 200
    form = response.context["form"]
    category_form = form.formsets["category_links"].empty_form
    assert set(category_form.fields["category"].queryset.values_list("locale__language_code", flat=True)) == {"de"}
    assert NewsCategory.objects.filter(locale=demo["en"]).exists()
    field_form = form.formsets["field_links"].empty_form
    assert set(field_form.fields["field"].queryset.values_list("locale__language_code", flat=True)) == {"de"}
    measure_form = form.formsets["measure_links"].empty_form
    assert set(measure_form.fields["measure"].queryset.values_list("locale__language_code", flat=True)) == {"de"}
    # The chooser modal opens with the page's language selected.
    assert "locale=de" in category_form.fields["category"].widget.get_chooser_modal_url()


def test_event_venue_of_the_page_language(admin_client, demo):
    index = Page.objects.get(locale=demo["de"], depth=3, slug="termine")
    response = admin_client.get(f"/admin/pages/add/news/eventpage/{index.pk}/")
    assert response.status_code == 200
    venues = response.context["form"].fields["venue"].queryset
    assert set(venues.values_list("locale__language_code", flat=True)) == {"de"}
    assert Venue.objects.filter(locale=demo["en"]).exists()


def test_english_field_cannot_be_linked_to_a_german_measure(admin_client, demo):
    measure = ProjectPage.objects.filter(locale=demo["de"]).first()
    form_class = ProjectPage.get_edit_handler().get_form_class()
    form = form_class(instance=measure, parent_page=measure.get_parent())
    english_field = FieldOfAction.objects.filter(locale=demo["en"]).first()
    assert not form.fields["further_fields"].queryset.filter(pk=english_field.pk).exists()
    assert EventPage and NewsPage  # the page types whose forms are covered above
