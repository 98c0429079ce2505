"""Newsroom settings. Everything an operator may change comes from the environment (see README)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment when DEBUG is off.")
    SECRET_KEY = "insecure-local-development-key-only-used-with-debug-on"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

SITE_NAME = os.environ.get("SITE_NAME", "Newsroom")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "newsroom.admin_apps.NewsroomAdminConfig",  # Django's admin, on newsroom/admin_site.py's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "reversion",
    "django_prose_editor",  # the story body's rich-text editor and its static files (articles/editor)
    "axes",
    "csp",
    "ninja",  # the Content API's framework; listed so its docs page uses its own static files, not a CDN
    "newsroom",
    "newsroom.api",
    "core",
    "people",
    "films",
    "articles",
    # After core, whose db_worker (the library's, plus a heartbeat and the requeue of abandoned tasks) wins.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    # Before the page cache, so an API answer served from the cache still counts against its client's limit.
    "newsroom.api.throttle.RateLimitMiddleware",
    # A page-cache hit replays every header the middleware below gave the page (HSTS, the policies…); its key
    # holds the scheme, so an http:// request misses and is redirected by SecurityMiddleware.
    "newsroom.public.page_cache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "newsroom.api.guard.RefuseNulBytesMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # The small keys every page reads (generations, sections, the next scheduled change), in one round trip.
    "core.prefetch.PrefetchMiddleware",
    "newsroom.public.freshness.FreshnessMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        # The reader's site (newsroom/jinja2/, newsroom/jinja2.py): compiled templates keep the hot pages cheap.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "newsroom" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "newsroom.jinja2.environment",
            "context_processors": ["newsroom.public.navigation.site"],
        },
    },
    {
        # The admin and the staff desk.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "newsroom" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.public.navigation.site",
            ],
        },
    },
]

# Forms' own widgets by Jinja2 from Django's templates for it (twice as fast on a story form of 180 widgets).
FORM_RENDERER = "core.form_renderer.WidgetsByJinja2"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers carry on while an editor saves.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off on long analytic queries, while a page's queries run in milliseconds and a
    # large table's estimates (an admin search over millions of credits) would cost 25-45 ms of compiling each.
    # PG_OPTIONS replaces this (say "" behind a pooler that refuses startup options; then set jit in the server).
    # Added to what DATABASE_URL says (sslmode=require and the like stay), after any options it gives.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = " ".join(
        filter(None, [options.get("options", ""), os.environ.get("PG_OPTIONS", "-c jit=off")])
    )

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # django-redis keeps one client and connection pool per process; Django's own Redis backend builds a new
    # client on every call, which a page-cache hit would pay on each request.
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
        }
    }
elif DEBUG:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Without Redis, app-server processes still share one cache (and its invalidations) on disk.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("CACHE_DIR", str(BASE_DIR / ".cache")),
            "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("CACHE_MAX_ENTRIES", "20000"))},
        }
    }

# Every app server runs on this one machine, so they share the disk cache above: without REDIS_URL, production
# must say so (`check --deploy`, newsroom/checks.py), since servers on several machines would diverge.
SINGLE_MACHINE = env_bool("SINGLE_MACHINE")

# Anonymous readers' pages are served whole from the cache for at most this long (0 turns it off);
# every edit invalidates them at once, and scheduled stories appear on time (newsroom/public/page_cache.py).
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
PAGE_CACHE_ALIAS = "default"
# With Redis, each worker also keeps this many pages in its own memory (a hit then makes no network call) and
# reads the invalidation feed at most every PAGE_CACHE_POLL_SECONDS, so an edit shows everywhere within that.
# Without Redis the cache is local or on disk already: no copy, and the feed is read on every request.
PAGE_CACHE_LOCAL_ENTRIES = int(os.environ.get("PAGE_CACHE_LOCAL_ENTRIES", "500" if REDIS_URL else "0"))
PAGE_CACHE_POLL_SECONDS = float(os.environ.get("PAGE_CACHE_POLL_SECONDS", "0.25" if REDIS_URL else "0"))
# A CDN in front (Varnish: deploy/varnish/newsroom.vcl) may keep anonymous readers' pages this long
# (s-maxage), since every edit purges the pages showing what changed: CDN_PURGE names the callable given the
# tags after each commit (newsroom.public.varnish.purge for Varnish, at the addresses in VARNISH_URLS).
CDN_MAX_AGE = int(os.environ.get("CDN_MAX_AGE", "600"))
CDN_PURGE = os.environ.get("CDN_PURGE", "")
VARNISH_URLS = env_list("VARNISH_URLS", "http://127.0.0.1:6081")
CDN_REPURGE_SECONDS = float(os.environ.get("CDN_REPURGE_SECONDS", "2"))

# Connections (articles/connections): where build_graph writes the memory-mapped graph, and what pages show.
CONNECTIONS_DIR = Path(os.environ.get("CONNECTIONS_DIR", str(BASE_DIR / ".graph")))
CONNECTIONS_CENTRE = os.environ.get("CONNECTIONS_CENTRE", "kevin-bacon")  # slug of the person page's "number"
CONNECTIONS_STORY_PAIRS = 3  # pairs in a story's "Worked together" box
CONNECTIONS_COLLABORATORS = 5  # frequent collaborators on a person page
# /connections/ counts the chains of the shortest length up to this many, then says "more than" (through hubs an
# exact count reads over a million edges).
CONNECTIONS_COUNT_UP_TO = 1000
# How long the change log keeps an edit another machine's older graph may still need: every machine rebuilds within it.
CONNECTIONS_CHANGE_LOG_SECONDS = int(os.environ.get("CONNECTIONS_CHANGE_LOG_SECONDS", 24 * 3600))
# How long a reader's browser may reuse a public page, feed or sitemap; never past a scheduled publication.
PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))

# The Content API (newsroom/api): each client address may make API_RATE_LIMIT requests per API_RATE_WINDOW
# seconds; the counts live in the cache (Redis in production), so every app server counts the same requests.
API_RATE_LIMIT = int(os.environ.get("API_RATE_LIMIT", "120"))
API_RATE_WINDOW = int(os.environ.get("API_RATE_WINDOW", "60"))

# The login throttle (django-axes) checks every login first; its attempts live in the database, so every app
# server counts the same failures. Locked per account and, separately, per address.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "60")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.login_throttle.locked_out"
AXES_CLIENT_IP_CALLABLE = "newsroom.login_throttle.client_address"
# How many proxies (load balancer, CDN) append to X-Forwarded-For in front of the app servers.
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "0"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True
# Staff screens write every time one way, "Feb 7, 2024, 10:42 EST" (newsroom/formats/en/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Renditions are made once, when an image is uploaded; pages only compute their URLs (no file or database access).
IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY = "imagekit.cachefiles.strategies.Optimistic"
IMAGEKIT_CACHEFILE_DIR = "renditions"

# Background work (renditions, imports, graph rebuilds, emails): Django's task API (the django-tasks backport of
# Django 6's django.tasks) on the database backend, so a task is a row committed with the data that asked for it,
# and any number of `manage.py db_worker` processes, one per machine, share the queue (core/tasks.py, core/workers.py).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": []}}
# A running task whose worker has not been heard from for this long is handed to another worker.
TASK_WORKER_LEASE_SECONDS = int(os.environ.get("TASK_WORKER_LEASE_SECONDS", "60"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FIXTURE_DIRS = []

LOGIN_URL = "admin:login"

# Notification emails (articles/notifications.py): SMTP from the environment; without EMAIL_HOST under DEBUG
# (`make run`) they are printed to the console instead.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))  # a mail server that hangs holds up one response at most
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
EMAIL_BACKEND = (
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG and not EMAIL_HOST
    else "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = EMAIL_HOST or "localhost"
# How often an open story form says who else has it open and whether someone saved it (articles/presence.py).
PRESENCE_POLL_SECONDS = int(os.environ.get("PRESENCE_POLL_SECONDS", "30"))

# Production hardening: on whenever DEBUG is off (manage.py check --deploy stays clean).
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True

# Content-Security-Policy (django-csp) on every response, the admin's included: scripts, styles, fonts and
# frames only from this site, nothing inline (JSON-LD is data, not script: browsers do not run it), no plugins,
# no framing, forms post only here. Images may also come from MEDIA_URL's host when it is on a CDN.
_media_origin = "/".join(MEDIA_URL.split("/")[:3]) if MEDIA_URL.startswith(("http://", "https://")) else None
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is sent only on pages that use it: the story form's import map and the editor's style placeholder.
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:", *filter(None, [_media_origin])],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features no page of ours uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "encrypted-media", "fullscreen", "geolocation",
        "gyroscope", "magnetometer", "microphone", "midi", "payment", "picture-in-picture", "publickey-credentials-get",
        "screen-wake-lock", "sync-xhr", "usb", "xr-spatial-tracking",
    )
}  # fmt: skip
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
