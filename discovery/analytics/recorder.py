"""The in-process buffer between searches and the DailySearches table.

A search only appends to a queue in memory: no database, no normalising. A daemon thread,
started by the first search, writes what has gathered every few seconds (sooner when a lot
has), aggregated first, in one upsert per batch of rows. A write that fails leaves the
searches buffered for the next one; past a limit the oldest are dropped, and the log says so.
"""

import atexit
import datetime
import logging
import os
import threading
import time
from collections import deque

from django.conf import settings
from django.db import close_old_connections, connection, connections
from django.utils import timezone

from digital_lm.database import bounded_transaction
from digital_lm.languages import language_of_text
from discovery.analytics.text import canonical_filters, normalized
from discovery.models import DailySearches

logger = logging.getLogger(__name__)

# Seconds between writes; settings.DISCOVERY_ANALYTICS_FLUSH_SECONDS = 0 starts no thread, and
# searches wait in memory for an explicit flush() (the test suite's way).
DEFAULT_FLUSH_SECONDS = 5.0
FLUSH_AT = 1_000  # searches: a burst is written before the interval is over
MAX_BUFFERED = 100_000  # searches kept while the database is away (a few tens of MB at most)
ROWS_PER_STATEMENT = 500
ARRAY_ROWS_PER_STATEMENT = 10_000
# A write gives up rather than queue behind a long lock or a stuck database.
LOCK_TIMEOUT = "2s"
STATEMENT_TIMEOUT = "10s"
KEY_FIELDS = ("day", "text", "query_language", "visitor_language", "filters", "degraded")
COLUMNS = (*KEY_FIELDS, "searches", "result_count")
_UNNEST = (
    "SELECT * FROM unnest(%s::date[], %s::text[], %s::text[], %s::text[], %s::text[], "
    "%s::boolean[], %s::integer[], %s::integer[])"
)


class _Buffer:
    def __init__(self):
        self.lock = threading.Lock()
        self.flushing = threading.Lock()
        self.entries = deque()
        self.dropped = 0
        self.wake = threading.Event()
        self.thread = None
        self.stopping = False


_buffer = _Buffer()


def _reset_after_fork():
    # A forked worker must neither write its parent's searches again nor count on a thread
    # that did not survive the fork.
    global _buffer
    _buffer = _Buffer()


os.register_at_fork(after_in_child=_reset_after_fork)


def record(query, result):
    """Count one search (a params.DiscoveryQuery and its results.DiscoveryResult). Never
    raises and never touches the database."""
    try:
        entry = (query.q, query.lang, query.filters, result.count, result.degraded, time.time())
        buffer = _buffer
        with buffer.lock:
            if len(buffer.entries) >= MAX_BUFFERED:
                buffer.entries.popleft()
                buffer.dropped += 1
            buffer.entries.append(entry)
            due = len(buffer.entries) >= FLUSH_AT
        if buffer.thread is None:
            _start_flusher(buffer)
        elif due:
            buffer.wake.set()
    except Exception:
        logger.exception("Search analytics: a search could not be recorded")


def pending():
    """How many searches wait to be written."""
    return len(_buffer.entries)


def discard_pending():
    """Forget the searches not written yet (tests start from nothing)."""
    with _buffer.lock:
        _buffer.entries.clear()
        _buffer.dropped = 0


def flush():
    """Write every buffered search now, in this thread. Returns how many were written; on a
    database error they stay buffered for the next flush and 0 is returned."""
    buffer = _buffer
    with buffer.flushing:
        with buffer.lock:
            taken, buffer.entries = buffer.entries, deque()
            dropped, buffer.dropped = buffer.dropped, 0
        if dropped:
            logger.warning("Search analytics: %d searches dropped, the buffer was full", dropped)
        if not taken:
            return 0
        try:
            write(aggregate(taken))
        except Exception as exc:
            logger.warning(
                "Search analytics: %d searches kept for the next write: %s", len(taken), exc
            )
            _put_back(buffer, taken)
            return 0
        return len(taken)


def _put_back(buffer, taken):
    with buffer.lock:
        taken.extend(buffer.entries)  # those recorded during the failed write are newer
        excess = len(taken) - MAX_BUFFERED
        for _ in range(max(excess, 0)):
            taken.popleft()
        buffer.entries = taken
    if excess > 0:
        logger.warning("Search analytics: %d searches dropped, the buffer was full", excess)


def aggregate(entries):
    """{row key: [searches, latest result count]} of buffered entries, in recording order."""
    rows = {}
    described = {}  # the same words come back often: normalise each text once
    zone = timezone.get_default_timezone()  # the site's day, like download counts
    for q, lang, filters, count, degraded, when in entries:
        if q not in described:
            text = normalized(q)
            described[q] = (text, language_of_text(text))
        text, language = described[q]
        day = datetime.datetime.fromtimestamp(when, zone).date()
        key = (day, text, language, lang, canonical_filters(filters), bool(degraded))
        row = rows.setdefault(key, [0, 0])
        row[0] += 1
        row[1] = count
    return rows


def write(rows):
    """Add ``rows`` to the table in one transaction. The database adds the counters
    (INSERT … ON CONFLICT DO UPDATE), so processes writing the same rows at once all count;
    rows go in key order, so two such writes cannot deadlock. (bulk_create with
    update_conflicts can only overwrite a counter, not add to it.)"""
    ordered = [(*key, n, count) for key, (n, count) in sorted(rows.items())]
    with bounded_transaction(LOCK_TIMEOUT, STATEMENT_TIMEOUT), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One array per column: a few parameters however many rows, where a VALUES list
            # costs the driver more to prepare than the database to run.
            for batch in _batches(ordered, ARRAY_ROWS_PER_STATEMENT):
                cursor.execute(
                    _upsert(_UNNEST), [list(column) for column in zip(*batch, strict=True)]
                )
        else:
            for batch in _batches(ordered, ROWS_PER_STATEMENT):
                row = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
                values = "VALUES " + ", ".join([row] * len(batch))
                cursor.execute(_upsert(values), [value for row in batch for value in row])


def _batches(rows, size):
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _upsert(source):
    quote = connection.ops.quote_name
    table = quote(DailySearches._meta.db_table)
    keys = ", ".join(map(quote, KEY_FIELDS))
    searches, result_count = quote("searches"), quote("result_count")
    # Names come from the model; every value is a parameter.
    return (
        f"INSERT INTO {table} ({', '.join(map(quote, COLUMNS))}) {source} "  # noqa: S608
        f"ON CONFLICT ({keys}) DO UPDATE SET "
        f"{searches} = {table}.{searches} + excluded.{searches}, "
        f"{result_count} = excluded.{result_count}"
    )


def _start_flusher(buffer):
    seconds = getattr(settings, "DISCOVERY_ANALYTICS_FLUSH_SECONDS", DEFAULT_FLUSH_SECONDS)
    if not seconds:
        return
    with buffer.lock:
        if buffer.thread is not None:
            return
        buffer.thread = threading.Thread(
            target=_flush_every, args=(buffer, seconds), name="search-analytics", daemon=True
        )
    buffer.thread.start()
    atexit.unregister(stop)  # once, however often the writer is restarted
    atexit.register(stop)


def _flush_every(buffer, seconds):
    try:
        while not buffer.stopping:
            buffer.wake.wait(seconds)
            buffer.wake.clear()
            try:
                flush()
            except Exception:
                logger.exception("Search analytics: the background write failed")
            finally:
                # Reconnect next time after an error or once the connection is old.
                close_old_connections()
    finally:
        connections.close_all()  # this thread's own


def stop(timeout=10):
    """Stop the background writer, then write what is left (at exit, and in tests)."""
    buffer = _buffer
    thread = buffer.thread
    if thread is not None:
        buffer.stopping = True
        buffer.wake.set()
        thread.join(timeout)
        buffer.thread = None
        buffer.stopping = False
    flush()
