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


def check_private_root(app_configs=None, **kwargs):
    """A private root inside MEDIA_ROOT (or the same folder) would make the files public again under /media/."""
    from pathlib import Path

    from django.core.checks import Error

    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    if private == media or media in private.parents:
        return [
            Error(
                "PRIVATE_MEDIA_ROOT lies inside MEDIA_ROOT, so /media/ would serve the private files.",
                hint="Point PRIVATE_MEDIA_ROOT to a folder outside MEDIA_ROOT (default: VAR_DIR/private).",
                id="fund.E001",
            )
        ]
    return []
