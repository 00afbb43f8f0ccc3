"""Small steps every journey takes: press a form's real button and wait for the answer."""

import re


def press(page, name, within=None, exact=False):
    """Click the button called `name` (inside `within`, a locator, if given) and wait for the page it leads to;
    returns that page's response. Fails on any error status (a 403 from the CSRF check above all)."""
    scope = within if within is not None else page
    with page.expect_navigation() as navigation:
        scope.get_by_role("button", name=name, exact=exact).click()
    response = navigation.value
    assert response is not None and response.status < 400, (
        f"{name!r} answered {response and response.status}: {page.locator('h1').first.text_content()}"
    )
    return response


def link_of(message, base_url, part):
    """The first link of the mail (text, HTML or List-* header) on this site whose path contains `part`."""
    from .conftest import Mailbox

    links = [url for url in Mailbox.links(message, prefix=base_url) if part in url]
    assert links, f"no link containing {part!r} in the mail {message['Subject']!r}"
    return links[0]


def path_of(url, base_url):
    return re.sub(r"^" + re.escape(base_url), "", url)


STAFF_PASSWORD = "journey-staff-password-7"  # noqa: S105 - a throwaway account of the test site

CREATE_USER = """
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
user, _ = get_user_model().objects.get_or_create(username={username!r}, defaults={{"email": {email!r}}})
user.set_password({password!r})
user.save()
user.groups.set([Group.objects.get(name={group!r})])
"""


def staff_user(site, username, group):
    """A staff account in one of the editorial groups (editorial.roles), created as an administrator would."""
    site.manage(
        "shell",
        "-c",
        CREATE_USER.format(username=username, email=f"{username}@example.org", password=STAFF_PASSWORD, group=group),
    )
    return username
