"""The search page in both languages: pages and documents (text inside PDFs), highlighting, messages, pagination."""

import re

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.documents import get_document_model

from documents.models import ReportPage, SearchPage
from documents.search import MAX_QUERY_LENGTH, highlight
from home.models import StandardPage
from tests.conftest import demo_url


def results_html(response):
    html = response.content.decode()
    start = html.find('<ol class="search-results"')
    return html[start : html.find("</ol>", start)] if start >= 0 else ""


@pytest.mark.parametrize("lang", ["de", "en"])
def test_finds_words_inside_the_report_pdf_with_highlighting(client, final_report, lang):
    # "Zwischenbilanz" is in the PDF's text (and the German page); both languages find the document.
    response = client.get(demo_url(SearchPage, lang=lang), {"q": "zwischenbilanz"})
    assert response.status_code == 200
    html = results_html(response)
    assert final_report.url in html
    assert "<mark>Zwischenbilanz</mark>" in html
    assert "PDF, " in html


def test_german_search_finds_german_pages_only(client, demo):
    response = client.get(demo_url(SearchPage), {"q": "Königsborn"})
    html = results_html(response)
    assert demo_url(StandardPage, "ueber-das-projekt") in html
    assert "/en/" not in html  # no page of the other language (its URL prefix)
    assert "<mark>Königsborn</mark>" in html
    assert "Webseite" in html
    assert "Ergebnis" in response.content.decode()


def test_english_search_finds_english_pages_and_the_report(client, final_report):
    response = client.get(demo_url(SearchPage, lang="en"), {"q": "neighbourhood fund"})
    html = results_html(response)
    assert demo_url(ReportPage, lang="en") in html
    assert "/de/" not in html  # no page of the other language (its URL prefix)
    assert "<mark>neighbourhood</mark>" in html.lower()
    assert "Web page" in html


def test_snippets_escape_everything_but_the_marks():
    snippet = highlight("Ein <script>alert(1)</script> Spielplatz & mehr", "Spielplätze")
    assert "<script>" not in snippet
    assert "&lt;script&gt;" in snippet
    assert "<mark>Spielplatz</mark>" in snippet
    assert "&amp; mehr" in snippet


def test_query_is_escaped_in_the_page(client, demo):
    response = client.get(demo_url(SearchPage), {"q": '<script>alert("x")</script>'})
    assert response.status_code == 200
    assert '<script>alert("x")</script>' not in response.content.decode()


@pytest.mark.parametrize(
    ("lang", "query", "message"),
    [
        ("de", "", "Bitte geben Sie einen Suchbegriff ein."),
        ("en", "   ", "Please enter a word to search for."),
        ("de", "x" * (MAX_QUERY_LENGTH + 1), "Ihre Suche ist zu lang"),
        ("en", "x" * (MAX_QUERY_LENGTH + 1), "Your search is too long"),
        ("de", "Quetzalcoatlus", "Keine Ergebnisse für „Quetzalcoatlus“"),
        ("en", "Quetzalcoatlus", "No results for “Quetzalcoatlus”"),
        ("de", "!!! ?", "mindestens zwei Buchstaben"),
    ],
)
def test_helpful_messages(client, demo, lang, query, message):
    response = client.get(demo_url(SearchPage, lang=lang), {"q": query})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_search_page_without_query_shows_the_form(client, demo):
    response = client.get(demo_url(SearchPage))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="search-q"' in html
    assert "Bitte geben Sie" not in html


@pytest.fixture
def many_pages(demo):
    home = demo["de_home"]
    for i in range(23):
        home.add_child(
            instance=StandardPage(title=f"Quartiersfest {i}", slug=f"quartiersfest-{i}", intro="Quartiersfest")
        )
    return 23


@pytest.mark.parametrize(
    ("page", "shown"),
    # Not a number: the first page (10 results); out of range: the last page (3 of 23).
    [("abc", 10), ("", 10), ("1.5", 10), ("\x00", 10), ("0", 3), ("-1", 3), ("99999", 3)],
)
def test_bad_page_numbers_never_fail(client, many_pages, page, shown):
    response = client.get(demo_url(SearchPage), {"q": "Quartiersfest", "page": page})
    assert response.status_code == 200
    assert results_html(response).count('<li class="search-result ') == shown


def test_pagination_is_accessible(client, many_pages):
    response = client.get(demo_url(SearchPage), {"q": "Quartiersfest", "page": "2"})
    html = response.content.decode()
    assert '<nav class="pagination" aria-label="Ergebnisseiten">' in html
    assert 'aria-current="page"><span class="visually-hidden">Seite </span>2</a>' in html
    assert 'rel="prev"' in html and 'rel="next"' in html
    assert "23 Ergebnisse" in html
    assert '<ol class="search-results" start="11">' in html


def test_promoted_results_come_first(client, demo):
    report = ReportPage.objects.get(locale=demo["de"])
    response = client.get(demo_url(SearchPage, lang="en"), {"q": "Bericht"})
    html = response.content.decode()
    assert "Recommended" in html
    # The promotion points at the German page; English visitors get its translation.
    promoted = html[html.index("search-promoted-heading") : html.index("</section>", html.index("search-promoted"))]
    assert demo_url(ReportPage, lang="en") in promoted
    assert SearchPromotion.objects.filter(query=Query.get("bericht"), page=report).exists()


def test_search_terms_are_recorded_for_the_promotions_report(client, demo):
    client.get(demo_url(SearchPage), {"q": "Luisenpark"})
    assert Query.get("luisenpark").hits == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="stemming needs PostgreSQL full-text search")
def test_german_stemming_on_postgresql(client, demo):
    home = demo["de_home"]
    page = StandardPage(title="Neuer Ort", slug="neuer-ort", intro="Der neue Spielplatz ist eröffnet.")
    home.add_child(instance=page)
    page.save_revision().publish()
    response = client.get(demo_url(SearchPage), {"q": "Spielplätze"})
    assert page.url in results_html(response)
    # German documents are searched with German stemming from the English page too.
    final_report = get_document_model().objects.get(is_final_report=True)
    response = client.get(demo_url(SearchPage, lang="en"), {"q": "Spielplätze"})
    assert final_report.url in results_html(response)


def test_search_box_value_is_kept(client, demo):
    html = client.get(demo_url(SearchPage), {"q": "Luisenpark"}).content.decode()
    assert re.search(r'id="search-q" name="q" value="Luisenpark"', html)


def test_search_query_count_does_not_grow_with_results(client, demo, django_assert_max_num_queries):
    home = demo["de_home"]

    def add(count, start):
        for i in range(start, start + count):
            home.add_child(instance=StandardPage(title=f"Laternenfest {i}", slug=f"laternenfest-{i}", intro="Laterne"))

    add(5, 0)
    search = demo_url(SearchPage)
    client.get(search, {"q": "Laternenfest"})  # warm caches shared by every page
    with django_assert_max_num_queries(60) as few:
        response = client.get(search, {"q": "Laternenfest"})
    assert "5 Ergebnisse" in response.content.decode()
    add(25, 100)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(search, {"q": "Laternenfest"})
    assert "30 Ergebnisse" in response.content.decode()


@pytest.mark.parametrize("query", ['"; DROP TABLE wagtailcore_page; --', '"Spielplatz', "NEAR(a b)", "a* OR ^b", '""'])
def test_search_syntax_characters_never_break_the_page(client, demo, query):
    response = client.get(demo_url(SearchPage), {"q": query})
    assert response.status_code == 200
    assert "</html>" in response.content.decode()


def test_search_ignores_quotes_around_words(client, demo):
    html = client.get(demo_url(SearchPage), {"q": '"Spielplatz"'}).content.decode()
    assert "Spielplatz" in html and "<mark" in html
