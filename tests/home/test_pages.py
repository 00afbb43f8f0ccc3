import pytest


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("/de/", "Heeren-Werve gemeinsam gestalten"),
        ("/en/", "Shaping Heeren-Werve together"),
        ("/de/ueber-das-projekt/", "Ein Stadtteil mit Geschichte"),
        ("/en/about-the-project/", "A district with a history"),
    ],
)
def test_pages_render_in_both_languages(client, demo, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()
