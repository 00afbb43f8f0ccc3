# The README's contract: `make run` sets everything up and serves the site; `make test` runs every check.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
MANAGE := $(PY) manage.py
# `make run` serves production settings over plain HTTP on this machine only.
RUN_ENV := DJANGO_SETTINGS_MODULE=stadtteil.settings.production HTTPS=0 SECRET_KEY="$$(cat var/secret_key)" \
	LOG_FORMAT="$${LOG_FORMAT:-plain}" SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
	ALLOWED_HOSTS="$${ALLOWED_HOSTS:-127.0.0.1,localhost}"

.PHONY: run dev test setup install lock translations messages worker lint format clean browser-tools bench

# Exactly the locked packages, each checked against its hash (the project itself is not a package: nothing to build).
$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

# After a change to pyproject.toml: regenerates the lock files with uv, then `make install` installs them.
# requirements.lock (with the dev extras) is what `make install` and CI install; requirements-production.lock has the
# same versions without the dev tools, for the Docker image. Resolved for Linux x86_64 and Python 3.11.7, the oldest
# 3.11 we run (some packages need 3.11.5 or newer); every file of each locked version is hashed. Locked versions stay
# unless LOCK_ARGS=--upgrade (or --upgrade-package NAME) says otherwise.
LOCK := $(VENV)/bin/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11.7 \
	--python-platform x86_64-unknown-linux-gnu --custom-compile-command "make lock" $(LOCK_ARGS)
lock: install
	$(LOCK) --extra dev -o requirements.lock
	$(LOCK) -c requirements.lock -o requirements-production.lock

var/secret_key: | $(VENV)/.installed
	mkdir -p var
	$(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

translations: install
	$(MANAGE) compile_translations

setup: install var/secret_key translations
	$(RUN_ENV) $(MANAGE) migrate --noinput
	$(RUN_ENV) $(MANAGE) collectstatic --noinput --verbosity 0
	$(RUN_ENV) $(MANAGE) ensure_admin
	$(RUN_ENV) $(MANAGE) load_demo

run: setup
	@echo "Serving on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/); Ctrl-C stops."
	$(RUN_ENV) PORT=$(PORT) exec bin/serve

dev: install translations
	$(MANAGE) migrate --noinput
	$(MANAGE) ensure_admin
	$(MANAGE) load_demo
	$(MANAGE) runserver 127.0.0.1:$(PORT)

worker: install
	$(MANAGE) worker

# The Nu Html Checker for the browser suite (tests/browser), pinned in tests/browser/package-lock.json.
# Without npm the HTML check is skipped (or fails when REQUIRE_BROWSER=1, as on CI).
BROWSER_TOOLS := tests/browser/node_modules/.package-lock.json
browser-tools:
	@if [ -f $(BROWSER_TOOLS) ] && [ $(BROWSER_TOOLS) -nt tests/browser/package-lock.json ]; then :; \
	elif command -v npm >/dev/null 2>&1; then \
		cd tests/browser && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the HTML validation of the browser tests is skipped (Debian package: npm)."; fi

# One pytest process for the whole suite with PYTEST_WORKERS workers (pytest-xdist): the browser tests stay together
# on one worker (they share served sites), the others are spread over all. PYTEST_ARGS, e.g. -m "not browser",
# narrows the run; PYTEST_WORKERS=0 runs in this process only.
PYTEST_WORKERS ?= 2
test: install translations browser-tools
	$(VENV)/bin/pytest -q -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(MANAGE) makemigrations --check --dry-run
	$(MANAGE) check

# Load test (not part of `make test`): seeds a large site, serves it with gunicorn, drives it with wrk; then
# Lighthouse when npm can install it (benchmarks/README in the main README, section "Performance").
bench: install translations
	export BENCH_DIR="$${BENCH_DIR:-$$(mktemp -d /tmp/stadtteil-bench-XXXXXX)}"; \
	$(PY) benchmarks/run.py && { test -d benchmarks/node_modules || (cd benchmarks && npm ci --no-audit --no-fund) || true; \
	$(PY) benchmarks/lighthouse.py || echo "Lighthouse failed (optional)."; }

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Developers only (needs GNU gettext): refresh the catalogues after changing strings.
# Every app with a locale/ folder (the top-level locale/ holds only Wagtail's own strings, not ours).
MESSAGE_APPS := $(patsubst %/locale/,%,$(wildcard */locale/))

messages: install
	for app in $(MESSAGE_APPS); do \
		(cd $$app && ../$(MANAGE) makemessages -l de -l en --no-obsolete --ignore 'migrations/*') || exit 1; \
	done

clean:
	rm -rf $(VENV) static_collected tests/browser/node_modules test-artifacts
