"""With REDIS_URL every app node shares one cache and its sessions; without it (quick start,
tests) nothing changes."""

import json

from tests.helpers import run_with_production_settings

SHOW = (
    "import django, json; django.setup(); from django.conf import settings; "
    "print(json.dumps([settings.CACHES['default']['BACKEND'], settings.SESSION_ENGINE, "
    "settings.AXES_HANDLER]))"
)


def settings_with(**variables):
    done = run_with_production_settings(
        SHOW, without=("REDIS_URL",), DLM_ALLOW_CONSOLE_EMAIL="1", **variables
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
