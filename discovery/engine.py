"""A thin adapter that sends request bodies built with elasticsearch-dsl to the configured
engine: OpenSearch through opensearch-py, or Elasticsearch through elasticsearch-py.

elasticsearch-py refuses to talk to OpenSearch (its product check), so the DSL only builds
bodies (``to_dict()``) and this module owns the wire. Every failure to reach the engine, or to
find the index, becomes ``EngineUnavailable`` so callers can fall back or retry.
"""

import functools
import logging

from django.conf import settings

logger = logging.getLogger(__name__)


class EngineUnavailable(Exception):
    """The engine did not answer (down, timed out, overloaded, or the index is missing)."""


class EngineNotConfigured(EngineUnavailable):
    """DISCOVERY_ENGINE is "database": there is no engine to talk to."""


class BaseEngine:
    name = ""

    # Seconds an index operation (create, refresh, flush, settings, aliases) may take: a
    # busy node finishes a refresh after a rebuild well after a visitor would give up.
    ADMIN_TIMEOUT = 120
    # Seconds merging a rebuilt index may take: minutes for a large one on a small node.
    MERGE_TIMEOUT = 3600

    def __init__(self, url, timeout):
        self.url = url
        self.timeout = timeout
        self.client = self._make_client(url, timeout)
        self.admin = self._make_client(url, max(timeout, self.ADMIN_TIMEOUT))

    # --- what each client does differently -----------------------------------------------
    def _make_client(self, url, timeout):
        raise NotImplementedError

    def _unavailable_errors(self):
        raise NotImplementedError

    def _status(self, exc):
        return getattr(exc, "status_code", None) or getattr(exc, "status", None)

    def _call(self, what, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self._unavailable_errors() as exc:
            status = self._status(exc)
            if isinstance(status, int) and 400 <= status < 500 and status not in (404, 408, 429):
                raise  # a request the engine understood and refused: a bug, not an outage
            raise EngineUnavailable(f"{self.name} {what} failed: {exc}") from exc

    # --- the operations discovery needs ---------------------------------------------------
    def ping(self):
        try:
            return bool(self.client.ping())
        except Exception:  # noqa: BLE001 — ping means "is it there"; any failure is "no"
            return False

    def cluster_health(self, timeout):
        """The cluster's health, or an exception after at most ``timeout`` seconds per node:
        while a cluster elects a new master, it can take longer than a visitor's search may."""
        return self._cluster_health(timeout)

    def search(self, index, body):
        return self._call("search", self._search, index, body)

    def bulk(self, actions, chunk_size=1000):
        """Send index/delete actions; returns (succeeded, [(id, error)...]). Deleting a missing
        document counts as success: the end state is what was asked for."""
        return self._call("bulk", self._bulk, actions, chunk_size)

    def _bulk_results(self, results):
        ok, errors = 0, []
        for success, item in results:
            op, info = next(iter(item.items()))
            if success or (op == "delete" and info.get("status") == 404):
                ok += 1
            else:
                errors.append((info.get("_id"), info.get("error") or info.get("status")))
        return ok, errors

    # Documents deleted per round of delete_by_query.
    DELETE_PAGE = 1000

    def delete_by_query(self, index, query):
        """Delete the documents of ``index`` (one index, not an alias) that ``query`` matches
        among those a search sees (refresh first to include the latest writes); returns how
        many. Searched, then deleted in bulk: the engines' own delete-by-query lives in their
        reindex module, which minimal installations leave out."""
        deleted = 0
        while True:
            body = {"query": query, "size": self.DELETE_PAGE, "_source": False}
            hits = self.search(index, body)["hits"]["hits"]
            actions = [{"_op_type": "delete", "_index": index, "_id": hit["_id"]} for hit in hits]
            if actions:
                _ok, errors = self.bulk(actions)
                if errors:
                    raise EngineUnavailable(f"{self.name} refused deletes: {errors[:3]}")
                deleted += len(actions)
            if len(actions) < self.DELETE_PAGE:
                return deleted
            self.refresh(index)  # the next round must not see these again

    def mget(self, index, ids):
        if not ids:
            return {}
        response = self._call("mget", self.client.mget, index=index, body={"ids": list(ids)})
        return {doc["_id"]: doc["_source"] for doc in response["docs"] if doc.get("found")}

    def create_index(self, name, body):
        return self._call("create index", self._create_index, name, body)

    def delete_index(self, name):
        return self._call("delete index", self.admin.indices.delete, index=name)

    def alias_targets(self, alias):
        """Indices the alias points at ([] when it does not exist)."""
        if not self._call("check alias", self.client.indices.exists_alias, name=alias):
            return []
        return sorted(self._call("get alias", self.client.indices.get_alias, name=alias))

    def indices_matching(self, pattern):
        return sorted(self._call("list indices", self.client.indices.get, index=pattern))

    def swap_alias(self, alias, new_index, old_indices, also=()):
        """Point ``alias`` at ``new_index`` only, with any ``also`` alias actions, in one
        atomic step."""
        actions = [{"remove": {"index": old, "alias": alias}} for old in old_indices]
        actions.append({"add": {"index": new_index, "alias": alias}})
        return self._call("update aliases", self._update_aliases, actions + list(also))

    def put_settings(self, index, index_settings):
        return self._call("put settings", self._put_settings, index, index_settings)

    def refresh(self, index):
        return self._call("refresh", self.admin.indices.refresh, index=index)

    def flush(self, index):
        return self._call("flush", self.admin.indices.flush, index=index)

    def force_merge(self, index):
        """Merge ``index`` into one segment (an index that will mostly be read: a query then
        looks each of its terms up once instead of once per segment)."""
        return self._call("force merge", self._force_merge, index)

    def count(self, index):
        return self._call("count", self.client.count, index=index)["count"]

    def get_settings(self, index):
        return self._call("get settings", self.client.indices.get_settings, index=index)


def cluster_nodes(url):
    """The node URLs of a setting such as "http://a:9200,http://b:9200". With several, a
    request that cannot reach one node is sent to the next once, so losing a node of the
    cluster fails no search; it is never retried after a timeout (a visitor is waiting)."""
    return [node.strip() for node in url.split(",") if node.strip()]


class OpenSearchEngine(BaseEngine):
    name = "OpenSearch"

    def _make_client(self, url, timeout):
        from opensearchpy import OpenSearch

        # A connection per rebuild sender thread, and for concurrent searches.
        nodes = cluster_nodes(url)
        return OpenSearch(
            nodes,
            timeout=timeout,
            max_retries=len(nodes) - 1,
            retry_on_timeout=False,
            pool_maxsize=8,
        )

    def _unavailable_errors(self):
        from opensearchpy.exceptions import ConnectionError, NotFoundError, TransportError

        return (ConnectionError, NotFoundError, TransportError)

    def _cluster_health(self, timeout):
        return self.client.cluster.health(request_timeout=timeout)

    def _search(self, index, body):
        return self.client.search(index=index, body=body)

    def _bulk(self, actions, chunk_size):
        from opensearchpy.helpers import streaming_bulk

        options = {
            "chunk_size": chunk_size,
            "raise_on_error": False,
            "raise_on_exception": True,
            "request_timeout": max(self.timeout, 60),  # bulk requests take longer than searches
        }
        return self._bulk_results(streaming_bulk(self.client, actions, **options))

    def _create_index(self, name, body):
        return self.admin.indices.create(index=name, body=body)

    def _update_aliases(self, actions):
        return self.admin.indices.update_aliases(body={"actions": actions})

    def _put_settings(self, index, index_settings):
        return self.admin.indices.put_settings(index=index, body={"index": index_settings})

    def _force_merge(self, index):
        return self.admin.indices.forcemerge(
            index=index, max_num_segments=1, request_timeout=self.MERGE_TIMEOUT
        )


ELASTICSEARCH_INDEX_SETTINGS = {"highlight.weight_matches_mode.enabled": False}


class ElasticsearchEngine(BaseEngine):
    name = "Elasticsearch"

    def _make_client(self, url, timeout):
        from elasticsearch import Elasticsearch

        nodes = cluster_nodes(url)
        return Elasticsearch(
            nodes, request_timeout=timeout, max_retries=len(nodes) - 1, connections_per_node=8
        )

    def _unavailable_errors(self):
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        return (TransportError, ApiError)

    def _status(self, exc):
        meta = getattr(exc, "meta", None)
        return getattr(meta, "status", None) or super()._status(exc)

    def _cluster_health(self, timeout):
        return self.client.options(request_timeout=timeout).cluster.health().body

    def _search(self, index, body):
        body = dict(body)
        if "from" in body:
            body["from_"] = body.pop("from")
        return self.client.search(index=index, **body).body

    def _bulk(self, actions, chunk_size):
        from elasticsearch.helpers import streaming_bulk

        options = {"chunk_size": chunk_size, "raise_on_error": False, "raise_on_exception": True}
        client = self.client.options(request_timeout=max(self.timeout, 60))
        return self._bulk_results(streaming_bulk(client, actions, **options))

    def mget(self, index, ids):
        if not ids:
            return {}
        response = self._call("mget", self.client.mget, index=index, ids=list(ids))
        return {doc["_id"]: doc["_source"] for doc in response["docs"] if doc.get("found")}

    def _create_index(self, name, body):
        # Elasticsearch (8.10 and later) highlights through Lucene's matches API by default,
        # which costs a typo-tolerant query some 250 ms at 100,000 resources; the passages
        # it marks are then those OpenSearch marks.
        index_settings = {**body.get("settings", {}), **ELASTICSEARCH_INDEX_SETTINGS}
        return self.admin.indices.create(
            index=name, settings=index_settings, mappings=body.get("mappings")
        )

    def _update_aliases(self, actions):
        return self.admin.indices.update_aliases(actions=actions)

    def _put_settings(self, index, index_settings):
        return self.admin.indices.put_settings(index=index, settings=index_settings)

    def _force_merge(self, index):
        admin = self.admin.options(request_timeout=self.MERGE_TIMEOUT)
        return admin.indices.forcemerge(index=index, max_num_segments=1)


ENGINES = {"opensearch": OpenSearchEngine, "elasticsearch": ElasticsearchEngine}


def get_engine():
    """The engine of the current settings (one client per configuration, reused)."""
    if settings.DISCOVERY_ENGINE not in ENGINES:
        raise EngineNotConfigured("no discovery engine is configured (DLM_DISCOVERY_ENGINE)")
    return _engine_for(
        settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL, settings.DISCOVERY_TIMEOUT
    )


@functools.lru_cache(maxsize=8)
def _engine_for(name, url, timeout):
    return ENGINES[name](url, timeout)


def reset_clients():
    """Forget the engine clients (a forked process makes its own: sockets are not shared)."""
    _engine_for.cache_clear()


def engine_configured():
    return settings.DISCOVERY_ENGINE in ENGINES
