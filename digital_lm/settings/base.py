"""Settings shared by every environment. Safe on its own: debug off, secrets from the environment."""

import datetime
from pathlib import Path

import environ

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGES, register_lang_info
from resources.documents.formats import UPLOAD_FORMATS  # plain data: no Django needed

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

env = environ.Env()

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY", default=None)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "home",
    "resources",
    "downloads",
    "discovery",
    "filetext",
    "interop",
    "harvesting",
    "credentials",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v2",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "corsheaders",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",  # the sitemap templates and view (interop.sitemaps)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything that may answer: a preflight is answered here (CORS_URLS_REGEX).
    "corsheaders.middleware.CorsMiddleware",
    "digital_lm.headers.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the session, CSRF and messages middleware: sees every cookie they set.
    "digital_lm.front_cache.FrontCacheHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Routes a page's address with the sites and language home pages kept (resources.caching).
    "resources.routing.KeptRoutesMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into its answer
]

ROOT_URLCONF = "digital_lm.urls"
WSGI_APPLICATION = "digital_lm.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL (postgres://user:pass@host:port/name). Defaults to a local SQLite file.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
# A kept connection is checked before a request uses it: after PostgreSQL restarts, the first
# request on each thread reconnects instead of failing.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # SQLite has no SELECT ... FOR UPDATE: a transaction takes the write lock when it begins,
    # so two that read then write (issuing a certificate) wait for each other instead of one
    # failing with "database is locked" (the quick start's threaded server).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Sign-in throttling (digital_lm.logins): after AXES_FAILURE_LIMIT wrong passwords for one
# account, or from one address, sign-in is paused for the cool-off time. The passwords of
# private pages and collections count by the same rules.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("DLM_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("DLM_LOGIN_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "digital_lm.logins.locked_out"
AXES_CLIENT_IP_CALLABLE = "digital_lm.clients.client_address"
AXES_VERBOSE = False
# Front servers (cache, load balancer) between the visitors and this site: their number, so
# that the visitor's own address is read from X-Forwarded-For (digital_lm.clients).
TRUSTED_PROXY_COUNT = env.int("DLM_TRUSTED_PROXY_COUNT", default=0)

# The shared cache (REDIS_URL, e.g. redis://127.0.0.1:6379/0): with several app nodes every
# node must see the same cached labels and fragments, and the same sessions, so both go to
# Redis (django-redis); sessions are also written to the database, which answers when Redis
# has lost them. Sign-in throttling counts in the database (django-axes' default handler),
# which every node shares anyway. Without REDIS_URL: Django's per-process memory cache and
# database sessions (quick start, tests).
if _redis_url := env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": _redis_url,
            "KEY_PREFIX": env("DLM_CACHE_KEY_PREFIX", default="dlm"),
            "OPTIONS": {
                # A cache that is down must not take the site with it: reads miss, writes drop.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: seven locales, zh-hans the default. Every public URL carries its prefix.
register_lang_info()
LANGUAGE_CODE = DEFAULT_LANGUAGE
# Lao and Burmese date formats, which Django lacks (digital_lm/formats/).
FORMAT_MODULE_PATH = ["digital_lm.formats"]
LANGUAGES = LANGUAGES
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

# Static files and media.
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Digital Lancang-Mekong"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Verifiable certificates (the credentials app): the public address issuers' DIDs, status lists
# and certificate links are made from, and the secret their signing keys are encrypted with
# (production requires it; development and tests derive one from their throwaway SECRET_KEY).
DLM_CREDENTIALS_BASE_URL = env("DLM_CREDENTIALS_BASE_URL", default=WAGTAILADMIN_BASE_URL)
DLM_CREDENTIAL_KEY_SECRET = env("DLM_CREDENTIAL_KEY_SECRET", default=None)
WAGTAILDOCS_DOCUMENT_MODEL = "resources.ResourceDocument"
WAGTAILDOCS_EXTENSIONS = list(UPLOAD_FORMATS)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env.int("DLM_MAX_UPLOAD_MB", default=200) * 1024 * 1024
# Downloads of teaching-material files (the downloads app, docs/downloads.md). Links always go
# through the download view, which checks privacy and counts; it then streams the file itself
# ("none"), or hands it to nginx ("x-accel-redirect"), Apache/lighttpd ("x-sendfile"), or to
# object storage by redirecting to a signed URL ("redirect").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOWNLOAD_OFFLOAD = env("DLM_DOWNLOAD_OFFLOAD", default="none")
if DOWNLOAD_OFFLOAD not in ("none", "x-accel-redirect", "x-sendfile", "redirect"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DLM_DOWNLOAD_OFFLOAD must be none, x-accel-redirect, x-sendfile or redirect, "
        f"not {DOWNLOAD_OFFLOAD!r}."
    )
# nginx's internal location that maps to MEDIA_ROOT (x-accel-redirect).
DOWNLOAD_ACCEL_PREFIX = env("DLM_DOWNLOAD_ACCEL_PREFIX", default="/internal-media/")
# Lifetime in seconds of a signed storage URL (redirect).
DOWNLOAD_URL_EXPIRY = env.int("DLM_DOWNLOAD_URL_EXPIRY", default=300)

# The front cache (deploy/front/: Varnish behind nginx, digital_lm.front_cache): the
# comma-separated addresses of its Varnish instances, which this site purges when pages
# change (Wagtail's frontend cache). Empty: no front cache, and no cache headers added.
FRONT_CACHE_URLS = env.list("DLM_FRONT_CACHE_URLS", default=[])
WAGTAILFRONTENDCACHE = {
    f"front-{number}": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": url,
    }
    for number, url in enumerate(FRONT_CACHE_URLS)
}
# Each translation's own address is purged (slugs differ by language), not one per language.
WAGTAILFRONTENDCACHE_LANGUAGES = []
# Seconds the front keeps an anonymous page between purges, and a browser keeps it.
FRONT_CACHE_SECONDS = env.int("DLM_FRONT_CACHE_SECONDS", default=600)
FRONT_CACHE_BROWSER_SECONDS = env.int("DLM_FRONT_CACHE_BROWSER_SECONDS", default=60)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILSEARCH_HITS_MAX_AGE = 14
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from an outside service: editors on slow links, and their e-mail hashes, stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# The content API (/api/v2/, interop.content_api): at most this many items per answer.
WAGTAILAPI_LIMIT_MAX = 100
# Rich text as the site shows it (links as addresses) unless a client asks ?rich_text_format=.
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# Cross-origin reads (django-cors-headers): any site may read the machine-readable addresses
# (both APIs, OAI-PMH, feeds, sitemaps, citations) with GET or HEAD, never with credentials;
# no other address (pages, the admin) says anything to other origins.
CORS_URLS_REGEX = r"^/(api/|oai/|feeds/|sitemap[^/]*\.xml$|r/[^/]+/[^/]+/citation\.(ris|bib)$)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS")

# Wagtail's search backend (admin search, page search). The database backend by default;
# set DLM_WAGTAILSEARCH_ENGINE=opensearch|elasticsearch with its URL to use a search engine.
# (The alliance discovery index in discovery/ has its own settings.)
_engine = env("DLM_WAGTAILSEARCH_ENGINE", default="database")
# Backend modules are named after the client major version: opensearch3 speaks opensearch-py 3,
# which serves OpenSearch 2.x servers too.
_ENGINE_BACKENDS = {
    "opensearch": ("wagtail.search.backends.opensearch3", "DLM_OPENSEARCH_URL"),
    "elasticsearch": ("wagtail.search.backends.elasticsearch8", "DLM_ELASTICSEARCH_URL"),
}
if _engine == "database":
    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
elif _engine in _ENGINE_BACKENDS:
    from django.core.exceptions import ImproperlyConfigured

    _backend, _url_var = _ENGINE_BACKENDS[_engine]
    _url = env(_url_var, default="")
    if not _url:
        raise ImproperlyConfigured(f"DLM_WAGTAILSEARCH_ENGINE={_engine} needs {_url_var}.")
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": _backend,
            "URLS": [node.strip() for node in _url.split(",") if node.strip()],
            "INDEX_PREFIX": env("DLM_WAGTAILSEARCH_INDEX_PREFIX", default="digital_lm_"),
            "TIMEOUT": 10,
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        f"DLM_WAGTAILSEARCH_ENGINE must be database, opensearch or elasticsearch, not {_engine!r}."
    )

# The database search backend answers the discovery search when its engine is unreachable,
# so it is kept up to date alongside an engine backend.
if "database" not in WAGTAILSEARCH_BACKENDS and _engine != "database":
    WAGTAILSEARCH_BACKENDS["database"] = {"BACKEND": "wagtail.search.backends.database"}

# The alliance discovery index (discovery/): its own engine and index, written with
# elasticsearch-dsl and sent by opensearch-py or elasticsearch-py. "database" (the default,
# and the quick start) answers discovery searches from the database search backend.
DISCOVERY_ENGINE = env("DLM_DISCOVERY_ENGINE", default="database")
_DISCOVERY_URL_VARS = {"opensearch": "DLM_OPENSEARCH_URL", "elasticsearch": "DLM_ELASTICSEARCH_URL"}
if DISCOVERY_ENGINE == "database":
    DISCOVERY_URL = ""
elif DISCOVERY_ENGINE in _DISCOVERY_URL_VARS:
    DISCOVERY_URL = env(_DISCOVERY_URL_VARS[DISCOVERY_ENGINE], default="")
    if not DISCOVERY_URL:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"DLM_DISCOVERY_ENGINE={DISCOVERY_ENGINE} needs "
            f"{_DISCOVERY_URL_VARS[DISCOVERY_ENGINE]}."
        )
else:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "DLM_DISCOVERY_ENGINE must be database, opensearch or elasticsearch, "
        f"not {DISCOVERY_ENGINE!r}."
    )
# The alias searches read; each rebuild creates "<alias>-<timestamp>" and swaps the alias.
DISCOVERY_INDEX = env("DLM_DISCOVERY_INDEX", default="dlm-discovery")
# Copies of each shard on other nodes: 1 on a cluster of two nodes or more, 0 on one node.
DISCOVERY_REPLICAS = env.int("DLM_DISCOVERY_REPLICAS", default=0)
# Seconds before a search falls back to the database; short, a visitor is waiting.
DISCOVERY_TIMEOUT = env.float("DLM_DISCOVERY_TIMEOUT", default=3.0)
# Seconds between two writes of the buffered search analytics (0: only an explicit flush).
DISCOVERY_ANALYTICS_FLUSH_SECONDS = env.float("DLM_ANALYTICS_FLUSH_SECONDS", default=5.0)

# Background jobs (django-tasks). Wagtail's own jobs run at once, after the transaction
# commits; discovery index updates and the reading of files' text go through a durable queue
# in the database that `manage.py db_worker --backend discovery --queue-name discovery` and
# `... --queue-name files` drain (two workers: a scanned handbook never delays the index).
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "discovery": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["discovery", "files"],
    },
}

# The text of teaching-material files (filetext, docs/file-text.md): what one file may cost.
FILETEXT_TIMEOUT_SECONDS = env.float("DLM_FILETEXT_TIMEOUT_SECONDS", default=600.0)
FILETEXT_MEMORY_MB = env.int("DLM_FILETEXT_MEMORY_MB", default=1024)
FILETEXT_MAX_OCR_PAGES = env.int("DLM_FILETEXT_MAX_OCR_PAGES", default=300)
FILETEXT_MAX_CHARACTERS = env.int("DLM_FILETEXT_MAX_CHARACTERS", default=2_000_000)

# E-mail: console in dev; SMTP in production (see production.py). Wagtail's workflow
# notifications go to reviewers and submitters, each in their own admin language.
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", default="no-reply@digital-lm.invalid")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL

WAGTAILADMIN_NOTIFICATION_USE_HTML = True
# Superusers would otherwise receive every institution's review requests.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False

# OAI-PMH (/oai/): the repository identifier in every record's identifier,
# oai:<id>:<external_id>/<language>; keep it once harvesters know it. By default the site's
# first host name (DJANGO_ALLOWED_HOSTS).
OAI_REPOSITORY_ID = env(
    "DLM_OAI_REPOSITORY_ID",
    default=ALLOWED_HOSTS[0].lstrip(".") if ALLOWED_HOSTS else "digital-lm.invalid",
)
OAI_ADMIN_EMAILS = env.list("DLM_OAI_ADMIN_EMAILS", default=[DEFAULT_FROM_EMAIL])
OAI_PAGE_SIZE = env.int("DLM_OAI_PAGE_SIZE", default=100)  # records per list answer
OAI_TOKEN_MAX_AGE = env.int("DLM_OAI_TOKEN_MAX_AGE", default=24 * 3600)  # seconds
# Approval is the authority to publish: reviewers need no publish permission of their own.
WAGTAIL_FINISH_WORKFLOW_ACTION = "resources.editorial.workflow.publish_approved"

# A new translation starts as a draft, even of a live source: it is published only by a
# publisher or through its institution's review workflow, never by submitting it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# Machine translation in wagtail-localize's editor: off unless a self-hosted LibreTranslate
# is configured (DLM_LIBRETRANSLATE_URL, optional DLM_LIBRETRANSLATE_API_KEY).
if _libretranslate_url := env("DLM_LIBRETRANSLATE_URL", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.libretranslate.LibreTranslator",
        "OPTIONS": {
            "LIBRETRANSLATE_URL": _libretranslate_url.rstrip("/"),  # it appends /translate
            "API_KEY": env("DLM_LIBRETRANSLATE_API_KEY", default=""),
        },
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
}
