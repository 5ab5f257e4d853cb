"""Building the discovery index from PostgreSQL, and where writes go.

A rebuild creates a new index ("<alias>-<timestamp>"), fills it while searches keep reading
the old one through the alias, then swaps the alias in one atomic step. During the rebuild
the queue worker writes to both indices (through a second, "-building" alias), and the rebuild
only creates documents the worker has not already written, so no change is lost to the swap.

Building the documents is Python work on one core, so a rebuild splits the resources into
ranges of page ids and hands them to worker processes (one per CPU), each with its own
database connection and engine client, which build and send their documents in parallel.
While it fills, the new index has no refreshes, no replicas and an asynchronous translog:
nobody reads it yet, and a rebuild that fails is thrown away. Its live settings are restored,
and it is flushed, before the alias swap.
"""

import contextlib
import multiprocessing
import os
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import connection, connections
from django.utils import timezone

from discovery import engine as engines
from discovery.documents import (
    count_public_documents,
    documents_in_range,
    iter_all_documents,
    public_page_ids,
)
from discovery.external_documents import iter_external_documents
from discovery.mapping import index_body
from resources.models.base import resource_page_models

BUILD_REFRESH_INTERVAL = "-1"  # no refreshes while filling: the index is not read yet
LIVE_REFRESH_INTERVAL = "1s"
# While filling: no copies on other nodes, and the translog fsynced in the background rather
# than on every bulk request (the flush before the swap commits everything).
BUILD_SETTINGS = {"number_of_replicas": 0, "translog.durability": "async"}
LIVE_TRANSLOG_DURABILITY = "request"
# Pages per unit of work handed to a worker process: small enough that the workers finish
# together, large enough that each sends several bulk requests with its next chunk in hand.
PAGES_PER_UNIT = 5000
# Each worker holds a database connection and keeps the engine busy: a large machine's CPUs
# are not all for the rebuild.
MAX_DEFAULT_WORKERS = 8
# Text per bulk request of a rebuild, at most (about: characters, not bytes).
MAX_CHUNK_CHARACTERS = 8_000_000


@dataclass
class RebuildStats:
    index: str
    documents: int
    seconds: float
    errors: list

    @property
    def per_second(self):
        return self.documents / self.seconds if self.seconds else 0.0


def alias_name():
    return settings.DISCOVERY_INDEX


def building_alias_name():
    return f"{settings.DISCOVERY_INDEX}-building"


def new_index_name():
    return f"{settings.DISCOVERY_INDEX}-{timezone.now():%Y%m%d%H%M%S%f}"


def ensure_index(engine=None):
    """Make sure the alias points at an index with our mapping (an empty one the first time,
    so incremental writes never auto-create an index without it)."""
    engine = engine or engines.get_engine()
    if engine.alias_targets(alias_name()):
        return
    name = new_index_name()
    engine.create_index(name, index_body(name))
    engine.swap_alias(alias_name(), name, [])


def write_indices(engine=None):
    """Every index a change must reach: the live one, and the one being built, if any."""
    engine = engine or engines.get_engine()
    ensure_index(engine)
    live = engine.alias_targets(alias_name())
    building = engine.alias_targets(building_alias_name())
    return live + [name for name in building if name not in live]


def default_workers():
    """One worker process per CPU this process may use, at most MAX_DEFAULT_WORKERS."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, MAX_DEFAULT_WORKERS))


def rebuild(progress=False, stream=None, chunk_size=1000, keep_old=False, workers=None):
    """Rebuild the whole index from PostgreSQL and swap it in; returns RebuildStats.

    ``workers``: processes building and sending documents (default: one per CPU). Inside a
    transaction the rebuild stays in this process: other connections would not see what the
    transaction has written."""
    engine = engines.get_engine()
    stream = stream or sys.stderr
    started = time.perf_counter()
    workers = max(1, workers or default_workers())
    if connection.in_atomic_block:
        workers = 1
    name = new_index_name()
    body = index_body(name)
    live_replicas = body["settings"].get("number_of_replicas", 0)
    body["settings"].update(BUILD_SETTINGS, refresh_interval=BUILD_REFRESH_INTERVAL)
    engine.create_index(name, body)
    old_building = engine.alias_targets(building_alias_name())
    engine.swap_alias(building_alias_name(), name, old_building)

    total = count_public_documents()
    bar = _progress_bar(total, stream) if progress else None

    try:
        if workers > 1:
            errors = _send_in_parallel(name, chunk_size, workers, bar)
        else:
            errors = _send_pipelined(engine, name, iter_all_documents(), chunk_size, bar)
        errors = [e for e in errors if not _is_conflict(e)]
        if errors:
            raise RebuildFailed(name, errors)
        engine.put_settings(
            name,
            {
                "refresh_interval": LIVE_REFRESH_INTERVAL,
                "number_of_replicas": live_replicas,
                "translog.durability": LIVE_TRANSLOG_DURABILITY,
            },
        )
        engine.refresh(name)
        # One segment before searches reach it: at 100,000 resources with their files' text,
        # a search's p95 fell from about 60 to about 40 ms (bench/README.md).
        engine.force_merge(name)
        # Commit the new segments now: otherwise the engine does it in the background while
        # the first searches arrive, and a restart would replay the whole build from its
        # translog.
        engine.flush(name)
        old = engine.alias_targets(alias_name())
        # Searches switch to the new index, and the worker stops writing twice, at once.
        engine.swap_alias(
            alias_name(),
            name,
            old,
            also=[{"remove": {"index": name, "alias": building_alias_name()}}],
        )
    except BaseException:
        _discard(engine, name)
        raise
    finally:
        if bar is not None:
            bar.close()
    if not keep_old:
        for old_name in old:
            engine.delete_index(old_name)
    seconds = time.perf_counter() - started
    return RebuildStats(index=name, documents=engine.count(name), seconds=seconds, errors=errors)


def _discard(engine, name):
    """Delete a rebuild that did not go live (with its aliases; searches never saw it): a
    whole index left behind would hold the engine's memory. An engine that cannot answer
    keeps it, and the next rebuild's name differs."""
    with contextlib.suppress(engines.EngineUnavailable):
        engine.delete_index(name)


def work_units(pages_per_unit=None):
    """The rebuild's units of work: ("pages", model label, first id, last id) ranges of each
    resource model's public pages, then ("external",) for the harvested records. Every public
    page is in exactly one range; a resource's files go with its primary translation's page."""
    pages_per_unit = pages_per_unit or PAGES_PER_UNIT
    units = []
    for model in resource_page_models():
        ids = public_page_ids(model)
        for start in range(0, len(ids), pages_per_unit):
            chunk = ids[start : start + pages_per_unit]
            units.append(("pages", model._meta.label, chunk[0], chunk[-1]))
    units.append(("external",))
    return units


def unit_documents(unit, chunk_size=1000):
    """(id, source) of every document of one unit of work."""
    if unit[0] == "external":
        return iter_external_documents(chunk_size)
    _kind, label, first, last = unit
    return documents_in_range(apps.get_model(label), first, last, chunk_size)


def _send_in_parallel(name, chunk_size, workers, bar):
    """Build and send the documents of every unit of work in ``workers`` processes; returns
    the engine's errors. The processes are forked from this one with no open database
    connection (each opens its own) and make their own engine client."""
    units = work_units()
    connections.close_all()
    context = multiprocessing.get_context("fork")
    errors = []
    with context.Pool(min(workers, len(units)), initializer=_start_worker) as pool:
        for sent, unit_errors in pool.imap_unordered(
            _index_unit, [(unit, name, chunk_size) for unit in units]
        ):
            errors.extend(unit_errors)
            if bar is not None:
                bar.update(sent)
    return errors


# The database connections a worker process inherited, kept so that they are never closed
# from here: closing one would end the parent's session on the server.
_inherited_connections = []


def _start_worker():
    """In a fresh worker process: its own engine client and database connections, never the
    parent's sockets (a connection the parent could not close, in an atomic block, is left
    alone and a new one opened)."""
    engines.reset_clients()
    for wrapper in connections.all(initialized_only=True):
        if wrapper.connection is not None:
            _inherited_connections.append(wrapper.connection)
        wrapper.connection = None
        wrapper.in_atomic_block = False
        wrapper.atomic_blocks = []
        wrapper.savepoint_ids = []
        wrapper.needs_rollback = False
        wrapper.closed_in_transaction = False


def _index_unit(job):
    unit, name, chunk_size = job
    counted = _Counted(unit_documents(unit, chunk_size))
    errors = _send_pipelined(engines.get_engine(), name, counted, chunk_size, None)
    return counted.count, errors


class _Counted:
    """Iterates ``items`` and counts them."""

    def __init__(self, items):
        self.items = items
        self.count = 0

    def __iter__(self):
        for item in self.items:
            self.count += 1
            yield item


def _send_pipelined(engine, name, documents, chunk_size, bar, in_flight=2):
    """Bulk-send the documents while the next chunk is built: documents are read from the
    database on this thread (its connection, its transaction) and sent from a small pool."""
    errors = []
    with ThreadPoolExecutor(max_workers=in_flight) as pool:
        pending = deque()
        for chunk in _chunks(documents, chunk_size):
            # "create": a document the worker wrote during the rebuild is newer than ours.
            actions = [
                {"_op_type": "create", "_index": name, "_id": doc_id, "_source": source}
                for doc_id, source in chunk
            ]
            pending.append(pool.submit(engine.bulk, actions, chunk_size))
            if bar is not None:
                bar.update(len(actions))
            while len(pending) >= in_flight:
                errors.extend(pending.popleft().result()[1])
        while pending:
            errors.extend(pending.popleft().result()[1])
    return errors


def _chunks(documents, size, max_characters=MAX_CHUNK_CHARACTERS):
    """Lists of up to ``size`` documents, cut earlier when their text gets long (a file's text
    can be long: a chunk's memory, and a bulk request's size, stay bounded)."""
    chunk, characters = [], 0
    for document in documents:
        chunk.append(document)
        characters += text_length(document[1])
        if len(chunk) >= size or characters >= max_characters:
            yield chunk
            chunk, characters = [], 0
    if chunk:
        yield chunk


def text_length(value):
    """Characters of text in a document's source, its nested pages included."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        value = value.values()
    elif not isinstance(value, list):
        return 0
    total = 0
    for item in value:  # one loop over a document's fields, a call only for nested values
        if isinstance(item, str):
            total += len(item)
        elif isinstance(item, (dict, list)):
            total += text_length(item)
    return total


class RebuildFailed(Exception):
    def __init__(self, index, errors):
        self.errors = errors
        super().__init__(
            f"The engine refused {len(errors)} documents of {index} (first: {errors[0]}); "
            "the live index is unchanged."
        )


def _is_conflict(error):
    _doc_id, detail = error
    kind = detail.get("type") if isinstance(detail, dict) else detail
    return kind in ("version_conflict_engine_exception", 409)


def _progress_bar(total, stream):
    from tqdm import tqdm

    return tqdm(
        total=total,
        unit="doc",
        file=stream,
        disable=None,  # quiet when the stream is not a terminal
        mininterval=0.5,
        desc="Indexing",
    )
