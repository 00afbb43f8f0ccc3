"""Private files (application attachments, proof): stored under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and
never given a public URL. fund.views.serve_attachment hands them out after a permission or status-link check."""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    # Read the setting on every access (not cached) so that tests and deployments can point it elsewhere.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the checking view instead.")


private_storage = PrivateStorage()
