"""Downloads complete at any speed under the production server, and slow downloads do not
keep anyone from the pages.

The server is the one the image runs (the Dockerfile's CMD, production settings, the
documented environment) against this test's PostgreSQL database, whose data is committed for
it and flushed afterwards. One run, in about four minutes, checks everything at once: a
40 MB file read at 200 KB/s (over three minutes, far past the worker timeout of 30 s), a
course ZIP read slowly, and page views while a hundred more slow downloads are in flight.

Select it with ``-m production_server``; ``-m "not production_server"`` leaves it out.
"""

import hashlib
import io
import time
import zipfile

import pytest
from django.db import connection

from tests.helpers import database_url
from tests.serving import ProductionServer, SlowDownload, page_view, slow_download_site

pytestmark = pytest.mark.production_server

MB = 1024 * 1024
KB = 1024
BIG_FILE = 40 * MB
BIG_FILE_RATE = 200 * KB
BUNDLE_FILE = 12 * MB
BUNDLE_RATE = 100 * KB
SLOW_CLIENTS = 100
SLOW_CLIENT_RATE = 20 * KB
# gunicorn's default, and what the production configuration keeps: the line a download
# served by a sync worker does not cross.
WORKER_TIMEOUT = 30
# An answer slower than this counts as no answer: a page view starved behind the downloads
# would wait minutes, until one of them ends.
PAGE_VIEW_PATIENCE = 10


def _connections_to(database):
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = %s", [database])
        return cursor.fetchone()[0]


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    """The content, committed where the server can read it (database and media folder)."""
    return slow_download_site(BIG_FILE, BUNDLE_FILE)


@pytest.fixture
def run(site, settings):
    """The whole scenario on the documented server; what each client saw."""
    with ProductionServer(database_url(), settings.MEDIA_ROOT) as server:
        port = server.port
        for path in (site["home"], site["material"], site["course"]):  # each worker warms up
            for _ in range(3):
                page_view(port, path, timeout=60)

        big = SlowDownload(port, site["document"], BIG_FILE_RATE)
        bundle = SlowDownload(port, site["bundle"], BUNDLE_RATE, keep=True)
        big.start()
        bundle.start()
        crowd = [
            SlowDownload(port, site["document"], SLOW_CLIENT_RATE) for _ in range(SLOW_CLIENTS)
        ]
        for client in crowd:
            client.start()
            time.sleep(0.02)  # visitors arrive one after another, not in the same millisecond
        for client in crowd:
            client.answered.wait(PAGE_VIEW_PATIENCE * 3)
        crowd_streaming = sum(client.status == 200 and client.is_alive() for client in crowd)

        page_views = [
            (path, *page_view(port, path, timeout=PAGE_VIEW_PATIENCE))
            for _ in range(5)
            for path in (site["home"], site["material"], site["course"])
        ]
        database_connections = _connections_to(connection.settings_dict["NAME"])
        crowd_still_streaming = sum(client.is_alive() for client in crowd)
        crowd_errors = {client.error for client in crowd if not client.is_alive()}

        for client in crowd:
            client.stop()
        for download in (big, bundle):
            download.join(timeout=2 * BIG_FILE / BIG_FILE_RATE)
        log = server.log_tail()
    return {
        "big": big,
        "bundle": bundle,
        "crowd_streaming": crowd_streaming,
        "crowd_still_streaming": crowd_still_streaming,
        "crowd_errors": crowd_errors,
        "page_views": page_views,
        "database_connections": database_connections,
        "log": log,
    }


def test_slow_clients_get_whole_files_and_the_pages_still_answer(site, run):
    big, bundle = run["big"], run["bundle"]

    # (a) A 40 MB file at 200 KB/s arrives whole, long after a sync worker would have been cut.
    assert big.error is None and big.complete, (big.status, big.received, big.error, run["log"])
    assert big.sha256 == site["document_sha256"]
    assert big.seconds > WORKER_TIMEOUT * 3

    # (b) With a hundred more slow downloads in flight, every page view answers.
    assert run["crowd_streaming"] == SLOW_CLIENTS, run["log"]
    assert run["crowd_still_streaming"] == SLOW_CLIENTS, run["crowd_errors"]
    assert [status for _path, status, _seconds in run["page_views"]] == [200] * 15, run[
        "page_views"
    ]
    # Slow downloads hold a thread each, not a database connection.
    assert run["database_connections"] < SLOW_CLIENTS // 4

    # (c) The course ZIP read slowly is whole and opens.
    assert bundle.error is None and bundle.complete, (bundle.status, bundle.received, run["log"])
    assert bundle.seconds > WORKER_TIMEOUT
    with zipfile.ZipFile(io.BytesIO(bundle.body.getvalue())) as archive:
        (name,) = archive.namelist()
        assert hashlib.sha256(archive.read(name)).hexdigest() == site["bundle_file_sha256"]
