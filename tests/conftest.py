"""Shared fixtures. The suite runs against real services: PostgreSQL and OpenSearch.

`scripts/test.sh` starts them and exports DATABASE_URL and DLM_OPENSEARCH_URL. A run that
cannot reach them stops at once with the reason. On a laptop without an engine,
DLM_SKIP_ENGINE_TESTS=1 skips (and lists) the engine tests; CI never accepts that.
"""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import get_resolver
from django.utils import translation

from discovery import analytics
from tests import factories
from tests.helpers import IN_CI, DiscoveryTestIndex, drop_indices, use_discovery_engine


def pytest_sessionstart(session):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine:
        if os.environ.get("DLM_ALLOW_SQLITE") == "1" and not IN_CI:
            print(f"\n*** DLM_ALLOW_SQLITE=1: running on {engine}, not PostgreSQL ***\n")
        else:
            pytest.exit(
                "The test suite runs against PostgreSQL, but DATABASE_URL points at "
                f"{engine!r}. Run scripts/test.sh, or start the rig with "
                '`scripts/services/all.sh start` and `eval "$(scripts/services/all.sh env)"`.',
                returncode=3,
            )
    # The site's addresses as production serves them (DEBUG off), read before any test turns
    # DEBUG on for a while and leaves the development server's routes in them for the rest.
    get_resolver().url_patterns  # noqa: B018 — reading them imports the URLconf


def _engine_unavailable_reason():
    url = os.environ.get("DLM_OPENSEARCH_URL")
    if not url:
        return "DLM_OPENSEARCH_URL is not set"
    from opensearchpy import OpenSearch

    try:
        info = OpenSearch([url], timeout=5).info()
    except Exception as exc:  # noqa: BLE001 — any failure means "not reachable"; say which
        return f"OpenSearch at {url} is not reachable: {exc}"
    if info.get("version", {}).get("distribution") != "opensearch":
        return f"{url} is not an OpenSearch server: {info.get('version')}"
    return None


@pytest.fixture(scope="session")
def opensearch_url():
    """URL of the rig's OpenSearch; fails the test (never skips silently) when unreachable."""
    reason = _engine_unavailable_reason()
    if reason is None:
        return os.environ["DLM_OPENSEARCH_URL"]
    if os.environ.get("DLM_SKIP_ENGINE_TESTS") == "1" and not IN_CI:
        pytest.skip(f"engine test skipped (DLM_SKIP_ENGINE_TESTS=1): {reason}")
    pytest.fail(
        f"{reason}. Start it with `scripts/services/opensearch.sh start` "
        "(or set DLM_SKIP_ENGINE_TESTS=1 on a laptop without one).",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def elasticsearch_url():
    """URL of the rig's Elasticsearch, the second engine. The rig starts it whenever the
    registries provide it; `scripts/services/elasticsearch.sh` says why when they do not."""
    url = os.environ.get("DLM_ELASTICSEARCH_URL")
    if not url:
        pytest.skip("Elasticsearch is not part of this rig run (DLM_ELASTICSEARCH_URL unset)")
    from elasticsearch import Elasticsearch

    try:
        Elasticsearch([url], request_timeout=5).info()
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"Elasticsearch at {url} is not reachable: {exc}", pytrace=False)
    return url


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as a fresh process does (download windows,
    labels, Wagtail's site paths): nothing one test cached leaks into the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language, as a fresh thread does: a request
    in Lao made by one test leaves Lao active, and the next test's reverse() would give Lao
    addresses."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _no_searches_left_to_write():
    """The searches a test recorded go with its database: none waits to be written after it
    (at exit, into a test database that is gone)."""
    yield
    analytics.discard_pending()


@pytest.fixture(scope="module")
def catalogue(django_db_setup, django_db_blocker):
    """Certifications and standards in two countries and three frameworks, partly translated,
    plus a private and an unpublished one (factories.build_certification_catalogue), built
    once per module."""
    with factories.built_once_per_module(
        django_db_blocker, factories.build_certification_catalogue
    ) as built:
        yield built


@pytest.fixture
def site_tree(db):
    """A HomePage per locale and a resource library with one institution section."""
    return factories.build_site_tree()


@pytest.fixture
def discovery_engine(settings, opensearch_url):
    """The discovery index on the rig's OpenSearch, under a fresh alias (empty)."""
    prefix = use_discovery_engine(settings, "opensearch", opensearch_url)
    index = DiscoveryTestIndex("opensearch")
    yield index
    settings.DISCOVERY_URL = opensearch_url
    drop_indices(prefix)
