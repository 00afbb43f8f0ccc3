"""Compile the project's .po catalogues into .mo files with polib, so no GNU gettext is needed."""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

# The language the source strings are written in. Its catalogues may leave msgstr empty; they are filled
# with the source text, because Django falls back to the default language (German) for any string an
# English catalogue lacks.
SOURCE_LANGUAGE = "en"


def _fill_with_source(catalogue):
    for entry in catalogue:
        if entry.msgid_plural:
            if not any(entry.msgstr_plural.values()):
                entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        elif not entry.msgstr:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")


class Command(BaseCommand):
    help = "Compile the project's gettext catalogues (every locale/ folder of the project's apps, LOCALE_PATHS)."

    def handle(self, *args, **options):
        compiled = 0
        base = Path(settings.BASE_DIR)
        # Each app's locale/ folder, and the project's own catalogues of LOCALE_PATHS (German for Wagtail).
        po_paths = set(base.glob("*/locale/*/LC_MESSAGES/*.po"))
        for locale_path in settings.LOCALE_PATHS:
            po_paths |= set(Path(locale_path).glob("*/LC_MESSAGES/*.po"))
        for po_path in sorted(po_paths):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            catalogue = polib.pofile(str(po_path))
            if po_path.parts[-3] == SOURCE_LANGUAGE:
                _fill_with_source(catalogue)
            catalogue.save_as_mofile(str(mo_path))
            compiled += 1
            if options["verbosity"] > 1:
                self.stdout.write(f"compiled {po_path.relative_to(settings.BASE_DIR)}")
        self.stdout.write(f"{compiled} catalogue(s) compiled.")
