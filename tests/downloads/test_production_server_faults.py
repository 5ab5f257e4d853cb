"""Failures behind the production server (the Dockerfile's command, production settings):
with the search engine unreachable, search still answers, on the page and in the API; with
the download counters locked, files and course ZIPs are still sent whole.

Select it with ``-m production_server``, like the slow-client test."""

import hashlib
import io
import json
import zipfile
from urllib.parse import quote

import psycopg
import pytest

from downloads.models import DailyBundleDownloads, DailyDownloads
from tests.helpers import database_url
from tests.serving import ProductionServer, fetch, free_port, slow_download_site

pytestmark = pytest.mark.production_server

MB = 1024 * 1024


@pytest.fixture
def site(transactional_db, django_db_serialized_rollback):
    """The content, committed where the server can read it (database and media folder)."""
    return slow_download_site(2 * MB, MB)


def test_search_answers_when_the_engine_is_unreachable(site, settings):
    unreachable = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    environment = {"DLM_DISCOVERY_ENGINE": "opensearch", "DLM_OPENSEARCH_URL": unreachable}
    with ProductionServer(database_url(), settings.MEDIA_ROOT, environment=environment) as server:
        query = quote("电工基础")
        page_status, page = fetch(server.port, f"/zh-hans/search/?q={query}", timeout=60)
        api_status, api = fetch(server.port, f"/api/discovery/?q={query}&lang=zh-hans", timeout=60)
        log = server.log_tail()

    assert page_status == 200, log
    html = page.decode()
    assert "电工基础" in html  # the database's results stand in
    assert "notice--warning" in html  # and the page says the results are simpler
    assert api_status == 200, log
    answer = json.loads(api)
    assert answer["degraded"] is True
    assert "电工基础" in [hit["title"] for hit in answer["results"]]


def test_files_are_sent_whole_while_the_download_counters_are_locked(site, settings):
    with ProductionServer(database_url(), settings.MEDIA_ROOT) as server:
        # A migration or a stuck transaction holding the counters' tables.
        with psycopg.connect(database_url()) as locker:
            for model in (DailyDownloads, DailyBundleDownloads):
                locker.execute(f'LOCK TABLE "{model._meta.db_table}" IN ACCESS EXCLUSIVE MODE')
            file_status, body = fetch(server.port, site["document"], timeout=60)
            bundle_status, bundle = fetch(server.port, site["bundle"], timeout=60)
            locker.rollback()
        log = server.log_tail()

    assert file_status == 200, log
    assert hashlib.sha256(body).hexdigest() == site["document_sha256"]
    assert bundle_status == 200, log
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        (name,) = archive.namelist()
        assert hashlib.sha256(archive.read(name)).hexdigest() == site["bundle_file_sha256"]
