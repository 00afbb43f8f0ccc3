# syntax=docker/dockerfile:1
# Production image: gunicorn serves the site, whitenoise the static files (collected and compressed at build).

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /venv
# The locked runtime packages (no dev tools), each checked against its hash (`make lock` writes the file).
COPY requirements-production.lock ./
RUN /venv/bin/pip install --upgrade pip \
    && /venv/bin/pip install --require-hashes -r requirements-production.lock
COPY . .
# Static files and translations are built into the image; the throw-away key never leaves this stage.
RUN DJANGO_SETTINGS_MODULE=stadtteil.settings.production SECRET_KEY=build-only DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    sh -c "/venv/bin/python manage.py compile_translations && /venv/bin/python manage.py collectstatic --noinput --verbosity 0"

FROM python:3.11-slim
# The deployed release (settings.RELEASE keys the caches by it): docker build --build-arg RELEASE=$(git rev-parse HEAD)
ARG RELEASE=""
ENV RELEASE=${RELEASE}
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH=/venv/bin:$PATH \
    DJANGO_SETTINGS_MODULE=stadtteil.settings.production \
    HOST=0.0.0.0 PORT=8000 VAR_DIR=/data MEDIA_ROOT=/data/media
# Pango and a font for WeasyPrint (tagged PDF/UA documents, e.g. the demo's final report).
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system app && useradd --system --gid app --home-dir /app app \
    && mkdir -p /data/media && chown -R app:app /data
WORKDIR /app
COPY --from=build /venv /venv
COPY --from=build --chown=app:app /app /app
USER app
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"8000\")}/healthz', timeout=4)" || exit 1
CMD ["gunicorn", "--config", "gunicorn.conf.py", "stadtteil.wsgi:application"]
