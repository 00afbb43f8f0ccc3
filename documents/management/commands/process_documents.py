"""(Re)compute the metadata of documents: after an upgrade, or for files that failed or were stored directly."""

from django.core.management.base import BaseCommand
from wagtail.documents import get_document_model

from documents.models import ProcessingStatus


class Command(BaseCommand):
    help = "Compute type, page count, text and cover of documents that are not processed yet (--all: every one)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Process every document again.")

    def handle(self, *args, **options):
        documents = get_document_model().objects.order_by("pk")
        if not options["all"]:
            documents = documents.exclude(processing_status=ProcessingStatus.DONE)
        count = 0
        for document in documents.iterator():
            document.process_file()
            count += 1
            self.stdout.write(f"{document.pk}: {document.title} – {document.get_processing_status_display()}")
        self.stdout.write(self.style.SUCCESS(f"{count} document(s) processed."))
