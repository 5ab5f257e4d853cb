"""Fast, deterministic settings for the test suite (run against real PostgreSQL)."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"
DLM_CREDENTIAL_KEY_SECRET = env("DLM_CREDENTIAL_KEY_SECRET", default=f"certificates-{SECRET_KEY}")
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / ".test-media")  # noqa: F405
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Search analytics wait in memory until a test flushes them: no writer thread outside the
# test's transaction.
DISCOVERY_ANALYTICS_FLUSH_SECONDS = 0
