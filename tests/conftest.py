"""Shared fixtures. The suite runs against real services: PostgreSQL and OpenSearch.

`scripts/test.sh` starts them and exports DATABASE_URL and DLM_OPENSEARCH_URL. A run that
cannot reach them stops at once with the reason. On a laptop without an engine,
DLM_SKIP_ENGINE_TESTS=1 skips (and lists) the engine tests; CI never accepts that.
"""

import contextlib
import os
import uuid

import pytest
from django.conf import settings

from resources.models.base import resource_page_models
from search.engine import get_engine
from search.queue import enqueue
from search.worker import process_pending
from tests import factories

IN_CI = bool(os.environ.get("CI"))


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


class DiscoveryTestIndex:
    """The discovery index of one test, in a real engine, under its own alias."""

    def __init__(self, engine_name):
        self.engine_name = engine_name

    @property
    def engine(self):
        return get_engine()

    @property
    def alias(self):
        return settings.DISCOVERY_INDEX

    def sync(self):
        """Queue every resource and let the queue write them, then make them searchable."""
        keys = set()
        for model in resource_page_models():
            keys.update(model.objects.values_list("translation_key", flat=True))
        enqueue(keys)
        written = process_pending()
        self.refresh()
        return written

    def refresh(self):
        self.engine.refresh(self.alias)

    def documents(self):
        """{document id: source} of everything in the index."""
        self.refresh()
        response = self.engine.search(self.alias, {"size": 1000, "query": {"match_all": {}}})
        return {hit["_id"]: hit["_source"] for hit in response["hits"]["hits"]}


def _use_discovery_engine(settings, name, url):
    settings.DISCOVERY_ENGINE = name
    settings.DISCOVERY_URL = url
    settings.DISCOVERY_INDEX = f"dlm-test-{uuid.uuid4().hex[:10]}"
    return settings.DISCOVERY_INDEX


def _drop_indices(prefix):
    """Drop a test's indices, on the engine it started with (a test may point elsewhere)."""
    engine = get_engine()
    # By name: Elasticsearch refuses wildcard deletes.
    for name in engine.indices_matching(f"{prefix}*"):
        engine.delete_index(name)


@pytest.fixture
def discovery_engine(settings, opensearch_url):
    """The discovery index on the rig's OpenSearch, under a fresh alias (empty)."""
    prefix = _use_discovery_engine(settings, "opensearch", opensearch_url)
    index = DiscoveryTestIndex("opensearch")
    yield index
    settings.DISCOVERY_URL = opensearch_url
    _drop_indices(prefix)


@pytest.fixture
def discovery_index(discovery_engine, db):
    """The discovery index on OpenSearch holding every resource published so far; call
    ``.sync()`` after publishing more."""
    discovery_engine.sync()
    return discovery_engine


@pytest.fixture(params=["opensearch", "elasticsearch"])
def any_discovery_engine(request, settings):
    """The discovery index (empty, fresh alias) on each engine of the rig in turn."""
    url = request.getfixturevalue(f"{request.param}_url")
    prefix = _use_discovery_engine(settings, request.param, url)
    yield DiscoveryTestIndex(request.param)
    settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = request.param, url
    _drop_indices(prefix)


@contextlib.contextmanager
def discovery_settings(request, engine_name):
    """The discovery index on ``engine_name`` for a whole module (module-scoped fixtures)."""
    import uuid

    from django.test import override_settings

    url = request.getfixturevalue(f"{engine_name}_url")
    prefix = f"dlm-test-{uuid.uuid4().hex[:10]}"
    with override_settings(DISCOVERY_ENGINE=engine_name, DISCOVERY_URL=url, DISCOVERY_INDEX=prefix):
        try:
            yield DiscoveryTestIndex(engine_name)
        finally:
            _drop_indices(prefix)


@pytest.fixture
def run_discovery_worker(monkeypatch):
    """The real discovery worker command, one pass over the tasks that are due. (It recycles
    database connections between tasks, which would close the connection holding the
    test's transaction: that alone is switched off.)"""
    from django.core.management import call_command
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker",
        "--backend=discovery",
        "--queue-name=discovery",
        "--batch",
        "--no-startup-delay",
        verbosity=0,
    )
