"""Private files (application attachments, proof): stored under PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and
never given a public URL. fund.views.serve_attachment hands them out after a permission or status-link check."""

import contextlib
import contextvars
import os
import tempfile

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible

PARTIAL_PREFIX = ".partial-"
# Names saved inside `delete_files_on_failure()`, so that a failed request removes what it already wrote.
_saved_names = contextvars.ContextVar("fund_saved_private_files", default=None)


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files with personal data: written completely or not at all.

    A file is written to a temporary name beside its target and linked to its final name only when every byte
    is on disk (fsync); a failed write (disk full, an exception) removes the temporary file. So no half-written
    attachment ever appears under a name a row could point to, and `purge_orphan_files` removes whatever a killed
    process left behind.
    """

    # Read the setting on every access (not cached) so that tests and deployments can point it elsewhere.
    @property
    def base_location(self):
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the checking view instead.")

    def _save(self, name, content):
        directory = os.path.dirname(self.path(name))
        os.makedirs(directory, exist_ok=True)
        handle, partial = tempfile.mkstemp(prefix=PARTIAL_PREFIX, dir=directory)  # mode 0600
        try:
            with os.fdopen(handle, "wb") as out:
                if hasattr(content, "seek") and getattr(content, "seekable", lambda: True)():
                    content.seek(0)
                for chunk in content.chunks():
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            # Kept at mkstemp's 0600 (not FILE_UPLOAD_PERMISSIONS): personal data, read only by the site's user.
            while True:
                try:
                    # A hard link never replaces an existing file (a rename would).
                    os.link(partial, self.path(name))
                    break
                except FileExistsError:
                    name = self.get_available_name(name)
                except OSError:
                    # A file system without hard links: the unguessable name makes a clash practically impossible.
                    name = self.get_available_name(name)
                    os.replace(partial, self.path(name))
                    break
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(partial)
        saved = _saved_names.get()
        if saved is not None:
            saved.append(name)
        return str(name).replace("\\", "/")


private_storage = PrivateStorage()


@contextlib.contextmanager
def delete_files_on_failure():
    """Private files saved inside this block are deleted again when it ends with an exception (e.g. the disk
    got full at the second attachment, or the transaction failed): no file without its row. Put it outside the
    transaction, so that a failed commit counts too."""
    saved = []
    token = _saved_names.set(saved)
    try:
        yield
    except BaseException:
        for name in saved:
            with contextlib.suppress(OSError):
                private_storage.delete(name)
        raise
    finally:
        _saved_names.reset(token)


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
