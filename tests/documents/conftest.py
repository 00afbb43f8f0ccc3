import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from documents import demo as documents_demo


@pytest.fixture
def final_report(db):
    return get_document_model().objects.get(is_final_report=True)


@pytest.fixture
def report_pdf_bytes():
    return documents_demo._report_pdf()


@pytest.fixture
def make_document(db):
    def make(name, data, **fields):
        document = get_document_model()(title=fields.pop("title", name), **fields)
        document.file.save(name, ContentFile(data), save=False)
        document.save()
        return document

    return make


@pytest.fixture
def run_db_worker(monkeypatch):
    """Run the database queue's worker once, in this process. Its close_old_connections() would close the test's
    own connection on PostgreSQL (the test's transaction holds everything); the worker process of `make run`
    keeps doing it."""
    import io

    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO(), stderr=io.StringIO())

    return run
