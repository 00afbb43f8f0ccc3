"""The lock files (`make lock`) match pyproject.toml: every dependency is pinned to a version its range allows, every
pin carries hashes, and the image's lock has the same versions without the dev tools."""

import re
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

BASE_DIR = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
RUNTIME = [Requirement(line) for line in PYPROJECT["dependencies"]]
DEV = [Requirement(line) for line in PYPROJECT["optional-dependencies"]["dev"]]
# "name==version \" followed by one "--hash=sha256:…" line per file of that version; comments say why each is there.
PIN = re.compile(r"([A-Za-z0-9][\w.-]*)==(\S+) \\")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}( \\)?")


def pins(name):
    """The pinned versions of a lock file, after checking that each pin carries hashes (pip's --require-hashes
    refuses anything else)."""
    found, hashes = {}, {}
    package = None
    for line in (BASE_DIR / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if pin := PIN.fullmatch(line):
            package = canonicalize_name(pin[1])
            found[package], hashes[package] = pin[2], 0
        else:
            assert package and HASH.fullmatch(line), f"{name}: {line!r} is neither a pin nor a hash"
            hashes[package] += 1
    assert found and all(hashes.values())
    return found


def test_every_dependency_is_locked_within_its_range():
    locked = pins("requirements.lock")
    for requirement in RUNTIME + DEV:
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(locked[name]), f"{name}=={locked[name]} is outside {requirement}"


def test_the_image_gets_the_same_versions_without_the_dev_tools():
    locked, production = pins("requirements.lock"), pins("requirements-production.lock")
    assert {canonicalize_name(requirement.name) for requirement in RUNTIME} <= production.keys()
    assert all(locked.get(name) == version for name, version in production.items())
    # beautifulsoup4, say, is both a dev dependency and Wagtail's own; the test and build tools are dev only.
    assert not {"pytest", "pytest-django", "playwright", "hypothesis", "ruff", "uv"} & production.keys()


def test_installs_check_the_hashes():
    assert "pip install --quiet --require-hashes -r requirements.lock" in (BASE_DIR / "Makefile").read_text()
    assert "pip install --require-hashes -r requirements-production.lock" in (BASE_DIR / "Dockerfile").read_text()
