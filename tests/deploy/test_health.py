"""``/health/`` tells a load balancer whether a node can serve, and monitoring what is wrong,
without telling anyone anything private."""

import datetime
import json
import socket
import uuid

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from discovery.models import PendingIndexUpdate

UNREACHABLE = "http://127.0.0.1:9"  # the discard port: nothing listens there
BROKEN_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }
}


def _health(client):
    response = client.get("/health/")
    return response, json.loads(response.content)


def test_a_healthy_node_answers_200_ok_and_is_never_cached(db, client, settings):
    settings.DISCOVERY_ENGINE = "database"
    response, body = _health(client)
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok",
        "engine": "off",
        "cache": "ok",
    }
    assert "no-store" in response["Cache-Control"]
    assert "Set-Cookie" not in response  # no session is started for a probe


@pytest.mark.engine
def test_the_engine_reports_its_cluster_status_and_nodes(db, client, settings, opensearch_url):
    settings.DISCOVERY_ENGINE = "opensearch"
    settings.DISCOVERY_URL = opensearch_url
    response, body = _health(client)
    assert response.status_code == 200
    engine = body["checks"]["engine"]
    assert engine["cluster"] in ("green", "yellow")
    assert engine["status"] == "ok"
    assert engine["nodes"] >= 1


def test_an_engine_that_is_down_leaves_the_node_serving_degraded_and_says_no_more(
    db, client, settings
):
    settings.DISCOVERY_ENGINE = "opensearch"
    settings.DISCOVERY_URL = UNREACHABLE
    settings.DISCOVERY_INDEX = "secret-index-name"
    settings.DISCOVERY_TIMEOUT = 1.0
    response, body = _health(client)
    assert response.status_code == 200  # searches are answered from the database
    assert body["status"] == "degraded"
    assert body["checks"]["engine"] == {
        "status": "degraded",
        "cluster": "unreachable",
        "ms": body["checks"]["engine"]["ms"],
    }
    text = response.content.decode()
    for private in ("127.0.0.1", ":9", "secret-index-name", "opensearch", "http", "Error"):
        assert private not in text


@pytest.fixture
def silent_engine():
    """The URL of an engine that takes connections and never answers, as a cluster electing a
    new master does for a while."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


@pytest.mark.parametrize("engine", ["opensearch", "elasticsearch"])
def test_an_engine_that_never_answers_does_not_hold_the_probe_past_its_timeout(
    db, client, settings, silent_engine, engine
):
    settings.DISCOVERY_ENGINE = engine
    settings.DISCOVERY_URL = silent_engine
    settings.DISCOVERY_TIMEOUT = 3.0  # what a visitor's search may wait
    response, body = _health(client)
    assert response.status_code == 200
    assert body["checks"]["engine"]["status"] == "degraded"
    # The front's probe gives up after 2 s and would take this healthy node out.
    assert body["checks"]["engine"]["ms"] < 1500


def test_a_cache_that_is_down_makes_the_node_degraded(db, client, settings):
    settings.DISCOVERY_ENGINE = "database"
    settings.CACHES = BROKEN_CACHE
    response, body = _health(client)
    assert response.status_code == 200
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "degraded"
    assert "redis" not in response.content.decode()


def test_a_node_whose_database_is_down_answers_503(db, client, settings, monkeypatch):
    settings.DISCOVERY_ENGINE = "database"

    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 10.0.0.5 refused")

    with monkeypatch.context() as patch:  # undone before the test's own rollback
        patch.setattr(connection, "cursor", refuse)
        response, body = _health(client)
    assert response.status_code == 503
    assert body["status"] == "down"
    assert body["checks"]["database"]["status"] == "down"
    assert "10.0.0.5" not in response.content.decode()


def test_the_discovery_backlog_and_its_oldest_item_are_reported(db, client, settings):
    settings.DISCOVERY_ENGINE = "database"
    now = timezone.now()
    PendingIndexUpdate.objects.create(
        translation_key=uuid.uuid4(), requested_at=now - datetime.timedelta(minutes=10)
    )
    PendingIndexUpdate.objects.create(translation_key=uuid.uuid4(), requested_at=now)
    _, body = _health(client)
    backlog = body["queues"]["discovery_index"]
    assert backlog["backlog"] == 2
    assert 590 <= backlog["oldest_seconds"] <= 660
    assert str(PendingIndexUpdate.objects.first().translation_key) not in json.dumps(body)


def test_an_empty_queue_has_no_oldest_item(db, client, settings):
    settings.DISCOVERY_ENGINE = "database"
    _, body = _health(client)
    assert body["queues"]["discovery_index"] == {"backlog": 0, "oldest_seconds": None}
