"""With REDIS_URL every app node shares one cache and its sessions; without it (quick start,
tests) nothing changes."""

import json
import os
import subprocess
import sys

from tests.helpers import PROJECT_ROOT

SHOW = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
    "settings.AXES_HANDLER]))"
)


def settings_with(**variables):
    environment = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    environment.update(
        DJANGO_SETTINGS_MODULE="digital_lm.settings.production",
        DJANGO_SECRET_KEY="x" * 50,
        DJANGO_ALLOWED_HOSTS="repository.example.org",
        DLM_ALLOW_CONSOLE_EMAIL="1",
        **variables,
    )
    done = subprocess.run(  # noqa: S603 — our own interpreter and settings
        [sys.executable, "-c", SHOW],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_with_redis_the_cache_and_sessions_are_shared_and_sign_in_pauses_are_counted_in_the_database():
    cache, sessions, throttling = settings_with(REDIS_URL="redis://127.0.0.1:6379/0")
    assert cache == "django_redis.cache.RedisCache"
    # In the shared cache, and in the database when the cache has lost them.
    assert sessions == "django.contrib.sessions.backends.cached_db"
    assert throttling == "axes.handlers.database.AxesDatabaseHandler"


def test_without_redis_nothing_changes():
    cache, sessions, _ = settings_with()
    assert cache == "django.core.cache.backends.locmem.LocMemCache"
    assert sessions == "django.contrib.sessions.backends.db"
