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
