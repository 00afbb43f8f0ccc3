"""The downloads page, the report page, the home page teaser and the header search box, in both languages."""

import re

import pytest
from django.utils import translation
from wagtail.documents import get_document_model

from documents.models import DocumentIndexPage, ReportPage, SearchPage
from home.models import HomePage
from tests.conftest import demo_url


def text_of(response):
    """The response as a user reads it: tags removed, whitespace collapsed (also non-breaking spaces)."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("\xa0", " ").split())


def meta_of(document, language):
    with translation.override(language):
        return document.link_meta()


@pytest.mark.parametrize(
    ("language", "heading", "pages_word"),
    [("de", "Abschlussbericht", "Seiten"), ("en", "Final report", "pages")],
)
def test_downloads_page_lists_documents_by_category(client, final_report, language, heading, pages_word):
    response = client.get(demo_url(DocumentIndexPage, lang=language))
    assert response.status_code == 200
    text = text_of(response)
    html = response.content.decode()
    # The final report comes first, with an accessible link text stating type, size and pages.
    meta = meta_of(final_report, language)
    assert re.fullmatch(rf"PDF, \d+[,.]\d KB, \d+ {pages_word}", meta)
    assert f"({meta})" in text
    plan = {"de": "Rahmenplan Neue Mitte", "en": "Framework plan for the new centre"}[language]
    assert text.index(heading) < text.index(plan)
    assert f'<h2 id="final-report-heading">{heading}</h2>' in html
    # Grouped by category, each group a heading.
    groups = {
        "de": ["Plan", "Protokoll", "Präsentation", "Formular"],
        "en": ["Plan", "Minutes", "Presentation", "Form"],
    }
    for label in groups[language]:
        assert re.search(rf"<h2 id=\"category-\w+\">{label}</h2>", html)
    # Cover image, publication date, the document's language.
    assert final_report.cover_url in html
    assert 'datetime="2025-03-14"' in html
    assert {"de": "Sprache Deutsch", "en": "Language German"}[language] in text
    # Videos and captions without a category are not listed.
    assert "Untertitel" not in text


def test_english_page_shows_english_titles_and_marks_german_text(client, final_report):
    html = client.get(demo_url(DocumentIndexPage, lang="en")).content.decode()
    assert "Final report: integrated action plan for Heeren-Werve" in html
    assert "What has been built in the district since 2015" in html
    # The link says which language the file is in.
    assert 'hreflang="de"' in html


def test_downloads_page_query_count_does_not_grow_with_documents(client, django_assert_max_num_queries, demo):
    url = demo_url(DocumentIndexPage)
    client.get(url)  # warm caches that every page shares
    model = get_document_model()

    def add(count, start):
        model.objects.bulk_create(
            model(
                title=f"Protokoll {start + i}",
                file=f"documents/protokoll-{start + i}.pdf",
                file_size=1000 + i,
                file_type="pdf",
                page_count=2,
                category="minutes",
                description="Beispiel",
            )
            for i in range(count)
        )

    add(5, 0)
    with django_assert_max_num_queries(40) as few:
        response = client.get(url)
    assert text_of(response).count("Protokoll ") >= 5
    add(45, 100)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = client.get(url)
    assert text_of(response).count("Protokoll ") >= 50
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    ("lang", "toc_entry", "anchor", "pdf_text"),
    [
        ("de", "Verfügungsfonds", "verfuegungsfonds", "Bericht als PDF herunterladen"),
        ("en", "Neighbourhood fund", "neighbourhood-fund", "Download the report as PDF"),
    ],
)
def test_report_page_has_toc_anchors_figures_and_pdf_link(client, final_report, lang, toc_entry, anchor, pdf_text):
    response = client.get(demo_url(ReportPage, lang=lang))
    assert response.status_code == 200
    html = response.content.decode()
    # Generated table of contents linking to headings with the same stable id.
    assert f'<a href="#{anchor}">{toc_entry}</a>' in html
    assert re.search(rf'<h2 id="{anchor}" class="report__chapter">{toc_entry}', html)
    # Every heading carries a deep link to itself.
    assert html.count('class="report__anchor"') == 6
    # Figures have alt text.
    alt = re.search(r'<img[^>]* alt="([^"]*)"', html[html.index("report__body") :])
    assert alt and len(alt.group(1)) > 10
    # The PDF link states type, size and pages.
    assert pdf_text in html
    assert final_report.url in html


def test_anchors_are_unique_and_stable(db):  # a page instance looks up its content type
    from wagtail.blocks import StreamValue

    page = ReportPage(title="x")
    block = ReportPage.body.field.stream_block
    page.body = StreamValue(
        block,
        [
            ("chapter", {"title": "Maßnahmen", "level": "h2", "anchor": ""}),
            ("chapter", {"title": "Maßnahmen", "level": "h3", "anchor": ""}),
            ("chapter", {"title": "Neuer Titel", "level": "h2", "anchor": "spielplaetze"}),
        ],
    )
    anchors = [entry["anchor"] for entry in page.table_of_contents()]
    assert anchors == ["massnahmen", "massnahmen-2", "spielplaetze"]


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("de", "Der Abschlussbericht"), ("en", "The final report")],
)
def test_home_page_features_the_final_report(client, final_report, lang, heading):
    html = client.get(demo_url(HomePage, lang=lang)).content.decode()
    assert heading in html
    assert final_report.url in html
    assert f'href="{demo_url(DocumentIndexPage, lang=lang)}"' in html


@pytest.mark.parametrize(("model", "lang"), [(HomePage, "de"), (HomePage, "en"), (DocumentIndexPage, "en")])
def test_header_has_a_search_box_for_the_language(client, demo, model, lang):
    html = client.get(demo_url(model, lang=lang)).content.decode()
    action = demo_url(SearchPage, lang=lang)
    assert f'<form class="header-search" role="search" action="{action}" method="get">' in html
    assert 'for="header-search-q"' in html


def test_downloads_page_without_documents(client, demo):
    get_document_model().objects.update(category="", is_final_report=False)
    response = client.get(demo_url(DocumentIndexPage))
    assert "Es gibt noch keine Dokumente." in text_of(response)


def test_only_one_downloads_page_per_home(demo):
    assert not DocumentIndexPage.can_create_at(demo["de_home"])
