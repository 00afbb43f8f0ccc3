"""Build the benchmark site into the database of DATABASE_URL: migrate, the demo content, then the seeders.

Run by benchmarks/run.py (`make bench`) with DJANGO_SETTINGS_MODULE=benchmarks.settings.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from benchmarks import seeders  # noqa: E402


def main():
    call_command("migrate", interactive=False, verbosity=0)
    call_command("ensure_admin")
    call_command("load_demo", verbosity=0)
    seeders.run(sys.stdout)


if __name__ == "__main__":
    main()
