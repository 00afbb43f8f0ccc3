import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from home.models import StandardPage
from tests.conftest import staff_login


@pytest.fixture
def make_user(db):
    def make(username, *groups, email=None):
        user = get_user_model().objects.create_user(
            username, email or f"{username}@example.org", "password-for-tests", first_name=username.title()
        )
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return make


@pytest.fixture
def login(client):
    def login(user):
        staff_login(client, user)
        return client

    return login


@pytest.fixture
def draft_page(demo):
    """A fresh German standard page under the home page (published once, so it has a live version)."""
    page = StandardPage(title="Testseite", slug="testseite", intro="Ein Anfang.")
    demo["de_home"].add_child(instance=page)
    page.save_revision().publish()
    return page


def page_form(page, **changes):
    """POST data for Wagtail's page edit/create view of a StandardPage."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "body": streamfield([]),
        "comments": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)
