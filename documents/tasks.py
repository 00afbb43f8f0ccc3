from django_tasks import task


@task()
def process_document(document_id):
    """Compute a big document's metadata in the worker (`manage.py db_worker`), so the upload stays fast."""
    from wagtail.documents import get_document_model

    document = get_document_model().objects.filter(pk=document_id).first()
    if document is None:  # deleted before the worker got to it
        return None
    document.process_file()
    return document.processing_status
