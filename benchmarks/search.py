"""Search benchmark: seeds 1,000 pages and 100 documents, then times searches (not part of the test suite).

Usage (from the project folder):
    .venv/bin/python benchmarks/search.py                 # a throw-away SQLite database in a temp folder
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/stadtteil_bench .venv/bin/python benchmarks/search.py
        # PostgreSQL full-text search; the database is created if needed (a second run reuses the seeded data).

Prints the median and worst time of each query for the search function (pages + documents, merged and ranked)
and for the whole search page (rendered through Django's test client).
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["VAR_DIR"] = tempfile.mkdtemp(prefix="stadtteil-bench-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "stadtteil.settings.test")
os.environ.setdefault("LOG_LEVEL", "WARNING")  # no log line per indexed page
if os.environ.get("BENCH_DATABASE_URL"):
    os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    if os.environ["DATABASE_URL"].startswith("postgres"):
        import psycopg

        server, _slash, name = os.environ["DATABASE_URL"].rpartition("/")
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                admin.execute(f'CREATE DATABASE "{name}"')
else:
    os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

PAGES, DOCUMENTS, ROUNDS = 1000, 100, 7
QUERIES = ["Spielplatz", "Spielplätze", "Bergbau Kohle", "Verfügungsfonds", "Bürgerversammlung Luisenpark", "xyzzy"]
WORDS = [
    "Stadtteil",
    "Heeren-Werve",
    "Kamen",
    "Spielplatz",
    "Spielplätze",
    "Luisenpark",
    "Bergbau",
    "Kohle",
    "Zeche",
    "Königsborn",
    "Seseke",
    "Verfügungsfonds",
    "Stadtteilbüro",
    "Mittelstraße",
    "Bürgerversammlung",
    "Maßnahme",
    "Planung",
    "Bauabschnitt",
    "Baumlehrpfad",
    "Nachbarschaft",
    "Weihnachtsbeleuchtung",
    "Bücherschrank",
    "Blumenampeln",
    "Werbegemeinschaft",
    "Zukunftsdialog",
    "Platz",
    "Beteiligung",
    "Arbeitsgruppe",
    "Förderung",
    "Städtebauförderung",
    "Sanierungsgebiet",
    "Rosenstraße",
    "Bergstraße",
    "Neue",
    "Mitte",
]


def text(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)) + "."


def seed():
    from wagtail.documents import get_document_model
    from wagtail.search import index

    from home.models import StandardPage

    User = get_user_model()
    if not User.objects.filter(is_superuser=True).exists():
        User.objects.create_superuser("bench", "bench@example.org", "bench-password-123")
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    from wagtail.models import Locale, Page

    rng = random.Random(2015)
    started = time.perf_counter()
    homes = [Page.objects.get(depth=2, locale=Locale.objects.get(language_code=code)) for code in ("de", "en")]
    existing = StandardPage.objects.filter(slug__startswith="bench-").count()
    for i in range(existing, PAGES):
        home = homes[i % 2]
        page = StandardPage(title=f"Seite {i} {rng.choice(WORDS)}", slug=f"bench-{i}", intro=text(rng, 40))
        home.add_child(instance=page)
    documents = get_document_model()
    have = documents.objects.filter(title__startswith="Bench-Dokument").count()
    new = documents.objects.bulk_create(
        documents(
            title=f"Bench-Dokument {i}",
            file=f"documents/bench-{i}.pdf",
            file_type="pdf",
            file_size=100_000,
            page_count=40,
            category="report",
            extracted_text=" ".join(text(rng, 200) for _ in range(20)),  # about 4,000 words, like a report
        )
        for i in range(have, DOCUMENTS)
    )
    for document in new:
        index.insert_or_update_object(document)
    print(f"Seeded {PAGES} pages and {DOCUMENTS} documents in {time.perf_counter() - started:.1f} s")


def timed(function, rounds=ROUNDS):
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times)


def main():
    setup_test_environment()
    print(f"Database: {connection.vendor}; search backend: {settings.WAGTAILSEARCH_BACKENDS['default']['BACKEND']}")
    call_command("migrate", verbosity=0, interactive=False)
    seed()
    from django.utils import translation
    from wagtail.models import Locale

    from documents.search import search_results

    client = Client()
    print(f"\n{'query':32} {'results':>7} {'search ms (median/max)':>24} {'page ms (median/max)':>22}")
    for language, url in (("de", "/de/suche/"), ("en", "/en/search/")):
        locale = Locale.objects.get(language_code=language)
        for query in QUERIES:
            with translation.override(language):
                count = len(search_results(query, locale))
                search_median, search_max = timed(lambda q=query, loc=locale: search_results(q, loc))
            page_median, page_max = timed(lambda q=query, u=url: client.get(u, {"q": q}))
            label = f"{language}: {query}"
            print(
                f"{label:32} {count:7d} {search_median:12.1f} / {search_max:8.1f} {page_median:11.1f} / {page_max:8.1f}"
            )


if __name__ == "__main__":
    main()
