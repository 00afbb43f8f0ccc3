"""Settings shared by every environment; each value that differs per machine comes from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything a running instance writes locally (SQLite, media, mail, secrets) lives here, ignored by git.
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# A refused form gets a styled, translated page that says what to do (reload, send again), not Django's own.
CSRF_FAILURE_VIEW = "stadtteil.views.csrf_failure"

INSTALLED_APPS = [
    # Project apps, top layer first (templates of higher layers may override lower ones).
    "twofactor",
    "directory",
    "fund",
    "participation",
    "editorial",
    "subscriptions",
    "home",
    "news",
    "projects",
    "documents",
    "stadtteil",
    # Wagtail
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # /healthz answers before host validation and the HTTPS redirect (container and load-balancer checks).
    "stadtteil.middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "stadtteil.security.SiteCSPMiddleware",
    "stadtteil.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag on every response and 304 Not Modified for feeds, calendars, open data and pages (stadtteil/conditional.py);
    # outside the page cache, so that cache hits answer conditional requests too.
    "django.middleware.http.ConditionalGetMiddleware",
    # Full-page cache for anonymous visitors: after WhiteNoise, before everything that reads sessions or
    # cookies, so a hit skips them and a miss sees every cookie they set (stadtteil/page_cache.py).
    # Middleware that must run on every response (e.g. a CSP with nonces) belongs above this line.
    "stadtteil.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Second factor for staff in /admin/ (twofactor app): who has one enters it once per session.
    "django_otp.middleware.OTPMiddleware",
    "twofactor.middleware.RequireSecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses the login while the account/IP pair is locked out.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "stadtteil.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "stadtteil" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "stadtteil.wsgi.application"

# Database: SQLite under var/ unless DATABASE_URL names another (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web workers and the background worker write at once: WAL lets readers go on while one writes,
    # IMMEDIATE takes the write lock when a transaction starts (a transaction that starts reading and then
    # writes cannot be refused half-way with "database is locked"), and the busy timeout makes a writer wait
    # for the lock instead of failing. synchronous=NORMAL is safe with WAL and saves an fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=int(os.environ.get("SQLITE_BUSY_TIMEOUT", "30")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Django's own Redis backend when REDIS_URL is set, else files under VAR_DIR/cache, which every gunicorn
# worker and the background worker of one machine share (publishing in one worker makes every worker's cached
# pages stale; a local-memory cache would stay stale in the others). Several machines share Redis.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache that answers like a cache miss while Redis is down (stadtteil/cache.py).
            "BACKEND": "stadtteil.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "stadtteil"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "10000"))},
        }
    }

# Full-page cache for anonymous visitors (stadtteil/page_cache.py) on the cache above; PAGE_CACHE=0 turns it off.
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))  # server side; publishing clears it anyway
PAGE_CACHE_MAX_AGE = int(os.environ.get("PAGE_CACHE_MAX_AGE", "60"))  # browsers and CDNs: Cache-Control max-age
PAGE_CACHE_EXCLUDED_PATHS = ["/admin/", "/django-admin/", "/documents/", "/healthz", "/static/", "/media/"]
# Cookies besides the session and messages cookies whose presence means "render for this visitor".
PAGE_CACHE_BYPASS_COOKIES = []
# Models shown on pages that are neither pages, snippets, settings, documents nor images ("app_label.Model").
# Moderated contributions (measure and participation pages, home teaser), fund applications and budgets (fund
# page, funded projects, home teaser).
PAGE_CACHE_INVALIDATING_MODELS = ["participation.Contribution", "fund.Application", "fund.FundYear"]

# Front-end cache (CDN or caching proxy) purged on publishing, off unless configured:
# FRONTEND_CACHE_PURGE_URL for an HTTP PURGE endpoint (Varnish, nginx with a purge module),
# CLOUDFLARE_ZONE_ID + CLOUDFLARE_API_TOKEN for Cloudflare.
WAGTAILFRONTENDCACHE = {}
if os.environ.get("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": os.environ["FRONTEND_CACHE_PURGE_URL"],
    }
if os.environ.get("CLOUDFLARE_ZONE_ID"):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "ZONEID": os.environ["CLOUDFLARE_ZONE_ID"],
        "BEARER_TOKEN": os.environ.get("CLOUDFLARE_API_TOKEN", ""),
    }
if WAGTAILFRONTENDCACHE:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.redirects"), "wagtail.contrib.frontend_cache")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Two-factor authentication (twofactor app, django-otp): an authenticator app (TOTP) plus one-time recovery
# codes; required for administrators and these groups, optional for everyone else.
OTP_REQUIRED_GROUPS = env_list("OTP_REQUIRED_GROUPS", "Freigabe")
OTP_TOTP_ISSUER = "Stadtteilprojekt Heeren-Werve"
# Passkeys (WebAuthn, django-otp-webauthn) as the other second factor, only after the password (no passwordless
# sign-in past django-axes). The relying party is the single public address: twofactor.passkeys reads SITE_URL at
# request time; OTP_WEBAUTHN_ALLOWED_ORIGINS (after SITE_URL below) is what the package's system checks inspect.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "twofactor.passkeys.PasskeyHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "twofactor.passkeys.relying_party_id"
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
# Signed-in sessions end after this many hours (Wagtail's "remember me" keeps them no longer than that; without
# it they end when the browser closes). No two-week sessions for staff.
SESSION_COOKIE_AGE = int(float(os.environ.get("STAFF_SESSION_HOURS", "10")) * 3600)
# Wrong passwords for password-protected pages per client address (stadtteil.page_access).
PAGE_PASSWORD_RATE_LIMIT = os.environ.get("PAGE_PASSWORD_RATE_LIMIT", "10/15m")
# After a page password or the front-end login with a missing or unsafe "next": "/" redirects to the visitor's
# language home (Django's default /accounts/profile/ does not exist here).
LOGIN_REDIRECT_URL = "/"

# Languages: German is the source and default language, English is a translation.
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = [("de", "Deutsch"), ("en", "English")]
TIME_ZONE = "Europe/Berlin"
# British date and time formats on English pages (stadtteil/formats/en).
FORMAT_MODULE_PATH = ["stadtteil.formats"]
USE_I18N = True
# German for Wagtail's and wagtail-localize's strings that their own catalogues lack (locale/README in the .po).
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

# Static and media files: whitenoise serves hashed, compressed static files; no CDN.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
STATICFILES_DIRS = [BASE_DIR / "stadtteil" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Private uploads (fund application attachments and proof): outside MEDIA_ROOT so that /media/ never serves them;
# only views that check staff permission or the applicant's signed status link hand them out (fund.storage).
# Set PRIVATE_MEDIA_ROOT to a directory the web server does not publish (default: VAR_DIR/private).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# `manage.py backup` writes its archives here (database, media, private media; see README "Backups").
BACKUP_DIR = Path(os.environ.get("BACKUP_DIR", VAR_DIR / "backups"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_MAX_AGE = 31536000 if not env_bool("DEBUG") else 0
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise.
WHITENOISE_ROOT = BASE_DIR / "stadtteil" / "root_files"

# E-mail: SMTP when EMAIL_HOST is set, else every mail is written as a file under var/mail/.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Stadtteilprojekt Heeren-Werve <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks with its database backend; the worker is `manage.py worker` (db_worker that
# survives database outages, stadtteil/worker.py). A task RUNNING longer than TASKS_RUNNING_TIMEOUT seconds lost its
# worker and is queued again, up to TASKS_MAX_ATTEMPTS runs; finished results are deleted after
# TASKS_RESULT_RETENTION_DAYS.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
TASKS_RUNNING_TIMEOUT = int(os.environ.get("TASKS_RUNNING_TIMEOUT", "900"))
TASKS_MAX_ATTEMPTS = int(os.environ.get("TASKS_MAX_ATTEMPTS", "3"))
TASKS_RESULT_RETENTION_DAYS = int(os.environ.get("TASKS_RESULT_RETENTION_DAYS", "14"))
# Newsletter notifications: at most this many mails per minute; the rest follow continuously (subscriptions/tasks.py).
SUBSCRIPTIONS_SEND_RATE = int(os.environ.get("SUBSCRIPTIONS_SEND_RATE", "60"))

# Wagtail
WAGTAIL_SITE_NAME = "Stadtteilprojekt Heeren-Werve"
# The site's public address (scheme, host and port, no path): the one source of every absolute link: canonical,
# hreflang, sitemap, feeds, calendars, open data, QR codes, robots.txt and every e-mail. Production sets it;
# without it, http://127.0.0.1:$PORT (what `make run` serves). stadtteil.checks warns when production lacks it.
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or 8000}").rstrip("/")
WAGTAILADMIN_BASE_URL = SITE_URL
# Passkeys (twofactor.passkeys): the origin the package's system checks inspect.
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL]
# The package accepts only https:// and http://localhost origins; `make run` and the tests serve plain HTTP on
# 127.0.0.1 (browsers offer passkeys there only on http://localhost, and production's SITE_URL is https).
SILENCED_SYSTEM_CHECKS = [] if SITE_URL.startswith("https://") else ["otp_webauthn.E031"]
# The domain in every mail's Message-ID (instead of this machine's name, often "localhost"), the newsletter's
# List-Id and the SMTP greeting: the site's own domain unless MAIL_DOMAIN says otherwise.
MAIL_DOMAIN = os.environ.get("MAIL_DOMAIN", "")
WAGTAILDOCS_DOCUMENT_MODEL = "documents.CustomDocument"
# Wagtail's database search backend; on PostgreSQL each language gets its own text search configuration
# (German stemming for German pages). See documents/search_backend.py.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "documents.search_backend",
        "SEARCH_CONFIG": "german",
        "LANGUAGE_CONFIGS": {"de": "german", "en": "english"},
    }
}
# Documents: allowed extensions (HTML and SVG are refused whatever this says), maximum size, and content checks
# in the admin form (documents/forms.py). PDFs open in the browser, everything else downloads.
WAGTAILDOCS_EXTENSIONS = env_list("DOCUMENTS_EXTENSIONS", "pdf,docx,xlsx,pptx,odt,ods,odp,zip,jpg,png,webm,mp4,vtt")
WAGTAILDOCS_MAX_UPLOAD_SIZE = int(os.environ.get("DOCUMENTS_MAX_UPLOAD_MB", "100")) * 1024 * 1024
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.SafeDocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf"]
WAGTAILDOCS_CONTENT_TYPES = {"vtt": "text/vtt; charset=utf-8"}
# Documents (and their covers, documents/views.py) are only ever served through Django's views, which check the
# view restrictions of their collection; /media/ serves images only (stadtteil/urls.py), never documents.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Metadata (pages, text, cover) is computed in the worker, never during the upload, within these limits:
# ZIP-based files (office files, archives) over these are refused at upload (zip bombs); PDF text comes from the
# first DOCUMENTS_PDF_MAX_PAGES pages; one file gets DOCUMENTS_PROCESSING_SECONDS (documents/processing.py).
DOCUMENTS_ZIP_MAX_ENTRIES = int(os.environ.get("DOCUMENTS_ZIP_MAX_ENTRIES", "10000"))
DOCUMENTS_ZIP_MAX_UNCOMPRESSED_MB = int(os.environ.get("DOCUMENTS_ZIP_MAX_UNCOMPRESSED_MB", "300"))
DOCUMENTS_ZIP_MAX_RATIO = int(os.environ.get("DOCUMENTS_ZIP_MAX_RATIO", "100"))
DOCUMENTS_PDF_MAX_PAGES = int(os.environ.get("DOCUMENTS_PDF_MAX_PAGES", "2000"))
DOCUMENTS_PROCESSING_SECONDS = int(os.environ.get("DOCUMENTS_PROCESSING_SECONDS", "60"))
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatar from Gravatar: it would send a hash of each editor's e-mail address to a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "synced"
# "Übersetzen" creates the English page as a draft (never live with German text): it goes live when a translator
# publishes it in the translation editor (editorial/localize.py, docs/redaktion.md).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation in the translation editor ("Übersetzen mit DeepL"), only when DEEPL_API_KEY is set: the
# texts of the translated page then go to DeepL (a processor; see README and the privacy page). A key ending in
# ":fx" uses DeepL's free API, any other key the Pro API (wagtail-localize picks the endpoint from the key).
if os.environ.get("DEEPL_API_KEY"):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": os.environ["DEEPL_API_KEY"], "TIMEOUT": 30},
    }
# Editorial workflow (editorial app): reviewers get an e-mail when a page is submitted, authors when it is
# approved or rejected; comments on pages are on.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = os.environ.get("WAGTAILADMIN_NOTIFICATION_FROM_EMAIL", DEFAULT_FROM_EMAIL)
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000

# Security headers, in every environment (production adds HTTPS, HSTS and secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views allow their own origin themselves.
# Permissions-Policy header (stadtteil.security.PermissionsPolicyMiddleware): feature -> allowed origins.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "fullscreen": ["self"],  # the sign-language videos may go full screen
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
# Map tiles of the measures map (loaded only after the visitor clicks "Karte laden"). basemap.de of the federal
# mapping agency (BKG) is a public-sector alternative to OpenStreetMap; see README.
PROJECTS_MAP_TILE_URL = os.environ.get("PROJECTS_MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
# Empty: OpenStreetMap's attribution in the page's language (projects.views.pages.tile_settings).
PROJECTS_MAP_ATTRIBUTION = os.environ.get("PROJECTS_MAP_ATTRIBUTION", "")
_tiles = urlsplit(PROJECTS_MAP_TILE_URL)
MAP_TILE_ORIGIN = f"{_tiles.scheme}://{_tiles.netloc}"

# Content-Security-Policy (django-csp 4): everything from the site's own origin, no inline scripts or styles.
# An app that needs a further source (e.g. map tiles after a click) adds it to the directive here.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", MAP_TILE_ORIGIN],
        "font-src": ["'self'"],
        "media-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (stadtteil.security.SiteCSPMiddleware): its editors need inline styles and scripts,
# and its preview shows pages of this site in a frame.
CONTENT_SECURITY_POLICY_ADMIN = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "media-src": ["'self'", "blob:"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    },
}

# Admin login brute-force protection (django-axes): after AXES_FAILURE_LIMIT failed logins for one user name
# from one address, that pair is locked out for AXES_COOLOFF_TIME hours and sees a page saying so.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_TIME", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "stadtteil.views.login_locked_out"
AXES_RESET_ON_SUCCESS = True
# No record of every successful login (with IP and browser) beyond what the lockout needs.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated; "*" trusts the
# direct peer only). gunicorn reads the same variable for X-Forwarded-Proto. stadtteil.security.client_ip
# gives the visitor's address to django-axes and to every rate limit.
FORWARDED_ALLOW_IPS = env_list("FORWARDED_ALLOW_IPS", "127.0.0.1")
AXES_CLIENT_IP_CALLABLE = "stadtteil.security.client_ip"
RATELIMIT_IP_META_KEY = "stadtteil.security.client_ip"

# No personal data in the logs: e-mail and IP addresses are masked before any handler writes them.
# LOG_FORMAT=json writes one JSON object per line (the default in production).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"personal_data": {"()": "stadtteil.logfilters.PersonalDataFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "stadtteil.log_format.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json" if LOG_FORMAT == "json" else "plain",
            "filters": ["personal_data"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # WeasyPrint (tagged PDFs) and fontTools report every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Participation: personal data (name, e-mail) of contributions and form submissions is blanked after this
# many days by `manage.py purge_participation` and its periodic task; submissions per IP address are limited.
PARTICIPATION_RETENTION_DAYS = int(os.environ.get("PARTICIPATION_RETENTION_DAYS", "180"))
PARTICIPATION_RATE_LIMIT = os.environ.get("PARTICIPATION_RATE_LIMIT", "5/h")
RATELIMIT_USE_CACHE = "default"
# Newsletter sign-ups per client address and per e-mail address (subscriptions.views).
SUBSCRIPTIONS_RATE_PER_IP = os.environ.get("SUBSCRIPTIONS_RATE_PER_IP", "10/h")
SUBSCRIPTIONS_RATE_PER_ADDRESS = os.environ.get("SUBSCRIPTIONS_RATE_PER_ADDRESS", "3/h")
# Neighbourhood fund: the grant cap in euros (larger requests need a reason), applications per client address,
# how long the applicant's status link works, and after how long the personal data of a finished (rejected or
# settled) application is deleted by `manage.py purge_fund_applications` and its periodic task.
FUND_MAX_GRANT = int(os.environ.get("FUND_MAX_GRANT", "5000"))
FUND_RATE_PER_IP = os.environ.get("FUND_RATE_PER_IP", "5/h")
FUND_STATUS_LINK_MAX_AGE = timedelta(days=int(os.environ.get("FUND_STATUS_LINK_DAYS", str(3 * 365))))
FUND_RETENTION = timedelta(days=int(os.environ.get("FUND_RETENTION_DAYS", str(5 * 365))))
# Proposals of new directory entries per client address (directory.views).
DIRECTORY_RATE_PER_IP = os.environ.get("DIRECTORY_RATE_PER_IP", "5/h")
# The editorial dashboard's panels on other apps' models: stand-ins for DASHBOARD_SOURCES (editorial/dashboard.py).
EDITORIAL_DASHBOARD_SOURCES = {}
