"""``/health/``: what the load balancer and monitoring ask each app node.

200 while the node can serve pages (its database answers), 503 when it cannot, so a load
balancer takes it out. The search engine and the shared cache are reported but only make the
node "degraded": searches are then answered from the database (DLM_DISCOVERY_TIMEOUT) and a
cache miss is only slower. The discovery queue's backlog and the age of its oldest item tell
monitoring whether the worker keeps up.

The answer is cheap (a handful of small queries, each outside service behind its own short
timeout), never cached, open to anyone, and names no host, index, key or error message: only
statuses and numbers.
"""

import time
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Count, Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks_db.models import DBTaskResult

from discovery import engine as engines
from discovery.models import PendingIndexUpdate

OK, DEGRADED, DOWN = "ok", "degraded", "down"
# The engine's cluster statuses that still answer searches (yellow: a replica is missing).
SERVING_CLUSTER_STATUSES = ("green", "yellow")
# Seconds the engine may take to answer: well inside the front's probe timeout (2 s), so that
# a cluster busy electing a new master never makes a healthy node look down.
ENGINE_TIMEOUT = 0.5


def _timed(check):
    """Run ``check`` (which returns a dict), adding how long it took in milliseconds."""
    started = time.monotonic()
    result = check()
    result["ms"] = round((time.monotonic() - started) * 1000)
    return result


def _database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return {"status": DOWN}
    return {"status": OK}


def _engine():
    if not engines.engine_configured():
        return {"status": "off"}  # searches are answered by the database by design
    try:
        health = engines.get_engine().cluster_health(ENGINE_TIMEOUT)
    except Exception:  # noqa: BLE001 — unreachable, timed out, refused: all the same here
        return {"status": DEGRADED, "cluster": "unreachable"}
    cluster = str(health.get("status", "unknown"))
    return {
        "status": OK if cluster in SERVING_CLUSTER_STATUSES else DEGRADED,
        "cluster": cluster,
        "nodes": health.get("number_of_nodes"),
    }


def _cache():
    """A set and get round trip of a random key: the shared cache answers and keeps values."""
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        kept = cache.get(key) == value
        cache.delete(key)
    except Exception:  # noqa: BLE001 — a cache that fails in any way is "degraded"
        kept = False
    return {"status": OK if kept else DEGRADED}


def _age_seconds(moment, now):
    return None if moment is None else max(0, round((now - moment).total_seconds()))


def _queues():
    """The discovery outbox and the background tasks' queues waiting to be run."""
    now = timezone.now()
    outbox = PendingIndexUpdate.objects.aggregate(backlog=Count("pk"), oldest=Min("requested_at"))
    queues = {
        "discovery_index": {
            "backlog": outbox["backlog"],
            "oldest_seconds": _age_seconds(outbox["oldest"], now),
        }
    }
    waiting = (
        DBTaskResult.objects.ready()
        .values("queue_name")
        .annotate(backlog=Count("pk"), oldest=Min("enqueued_at"))
    )
    for row in waiting:
        queues[f"tasks_{row['queue_name']}"] = {
            "backlog": row["backlog"],
            "oldest_seconds": _age_seconds(row["oldest"], now),
        }
    return queues


@require_safe
@never_cache
def health(request):
    checks = {"database": _timed(_database)}
    if checks["database"]["status"] == DOWN:
        return JsonResponse({"status": DOWN, "checks": checks}, status=503)
    checks["engine"] = _timed(_engine)
    checks["cache"] = _timed(_cache)
    try:
        queues = _queues()
    except DatabaseError:  # the database went away between two checks
        checks["database"]["status"] = DOWN
        return JsonResponse({"status": DOWN, "checks": checks}, status=503)
    degraded = any(check["status"] == DEGRADED for check in checks.values())
    return JsonResponse(
        {"status": DEGRADED if degraded else OK, "checks": checks, "queues": queues}
    )
