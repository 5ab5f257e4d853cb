"""Building the discovery index from PostgreSQL, and where writes go.

A rebuild creates a new index ("<alias>-<timestamp>"), fills it while searches keep reading
the old one through the alias, then swaps the alias in one atomic step. During the rebuild
the queue worker writes to both indices (through a second, "-building" alias), and the rebuild
only creates documents the worker has not already written, so no change is lost to the swap.
"""

import contextlib
import sys
import time
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from discovery import engine as engines
from discovery.documents import count_public_documents, iter_all_documents
from discovery.mapping import index_body

BUILD_REFRESH_INTERVAL = "-1"  # no refreshes while filling: the index is not read yet
LIVE_REFRESH_INTERVAL = "1s"
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


def rebuild(progress=False, stream=None, chunk_size=1000, keep_old=False):
    """Rebuild the whole index from PostgreSQL and swap it in; returns RebuildStats."""
    engine = engines.get_engine()
    stream = stream or sys.stderr
    started = time.perf_counter()
    name = new_index_name()
    body = index_body(name)
    body["settings"]["refresh_interval"] = BUILD_REFRESH_INTERVAL
    engine.create_index(name, body)
    old_building = engine.alias_targets(building_alias_name())
    engine.swap_alias(building_alias_name(), name, old_building)

    total = count_public_documents()
    bar = _progress_bar(total, stream) if progress else None
    documents = iter_all_documents()

    try:
        errors = _send_pipelined(engine, name, documents, chunk_size, bar)
        errors = [e for e in errors if not _is_conflict(e)]
        if errors:
            raise RebuildFailed(name, errors)
        engine.put_settings(name, {"refresh_interval": LIVE_REFRESH_INTERVAL})
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
        return sum(text_length(v) for v in value.values())
    if isinstance(value, list):
        return sum(text_length(v) for v in value)
    return 0


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
