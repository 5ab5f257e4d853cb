"""The backup and restore drill: scripts/backup.sh writes the database and the media folder into
one archive; scripts/restore.sh brings it back into an empty database and an empty media folder
and rebuilds the discovery index. Every page, translation, file (by sha256) and download count
must come back, and search must find the content again.

The content is committed (a transactional test) so that pg_dump, another process, sees it.
"""

import hashlib
import os
import subprocess
import uuid

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.urls import reverse

from resources.models import ResourceDocument
from tests import factories
from tests.helpers import PROJECT_ROOT, database_url, drop_indices

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def run(script, *args, env, check=True):
    completed = subprocess.run(  # noqa: S603 — the project's own scripts
        [PROJECT_ROOT / "scripts" / script, *map(str, args)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if check:
        assert completed.returncode == 0, completed.stderr
    return completed


def files_under(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*") if p.is_file())


def build_content():
    """Two resources in three languages, a material with files in two languages, downloads."""
    tree = factories.build_site_tree()
    section = tree["section"]
    factories.published_resource(
        section,
        title="新能源汽车维修",
        external_id="LM-DRILL-EV",
        translations={
            "en": {"title": "Electric vehicle maintenance"},
            "lo": {"title": "ການສ້ອມແປງລົດໄຟຟ້າ"},
        },
    )
    material = factories.published_resource(
        section,
        factories.TeachingMaterialPageFactory,
        title="焊接安全手册",
        external_id="LM-DRILL-WELD",
        translations={"en": {"title": "Welding safety handbook"}},
    )
    for language, body in (("lo", b"Lao handbook"), ("en", b"English handbook")):
        factories.add_material_file(
            material,
            title=f"Welding safety ({language})",
            language=language,
            file=ContentFile(b"%PDF-1.4\n% " + body + b"\n%%EOF\n", name=f"weld-{language}.pdf"),
        )
    factories.publish(material)


def download_every_file(client):
    for document in ResourceDocument.objects.all():
        response = client.get(document.url)
        assert response.status_code == 200
        b"".join(response.streaming_content)


# What must survive, in SQL: the restored database is read over a connection of its own (the
# test's connections are fenced to the test database).
CONTENTS = {
    "pages": """
        select p.translation_key::text, l.language_code, p.title, p.live, p.url_path
        from wagtailcore_page p join wagtailcore_locale l on l.id = p.locale_id order by 1, 2""",
    "files": """
        select title, language, file, checksum_sha256 from resources_resourcedocument
        order by title""",
    "downloads": """
        select d.day::text, f.title, d.language, d.country, d.downloads
        from resources_dailydownloads d join resources_resourcedocument f on f.id = d.document_id
        order by 1, 2, 3""",
}


def contents(cursor):
    found = {}
    for name, sql in CONTENTS.items():
        cursor.execute(sql)
        found[name] = [tuple(row) for row in cursor.fetchall()]
    return found


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def empty_database():
    """A new, empty database on the same server, dropped afterwards."""
    name = f"dlm_restore_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield name
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_a_backup_restored_into_an_empty_database_and_media_folder_brings_everything_back(
    client, settings, opensearch_url, tmp_path, empty_database
):
    build_content()
    download_every_file(client)
    with connection.cursor() as cursor:
        before = contents(cursor)
    assert len(before["pages"]) >= 5 + 7 and len(before["files"]) == 2
    assert sum(row[-1] for row in before["downloads"]) == 2

    media = {"DJANGO_MEDIA_ROOT": str(settings.MEDIA_ROOT)}
    archive = run("backup.sh", tmp_path / "backups", env={**media, **current_database()})
    archive = archive.stdout.strip()
    restored_media = tmp_path / "restored-media"
    index = f"dlm-test-{uuid.uuid4().hex[:10]}"
    try:
        run(
            "restore.sh",
            archive,
            env={
                "DATABASE_URL": database_url(empty_database),
                "DJANGO_MEDIA_ROOT": str(restored_media),
                "DJANGO_SETTINGS_MODULE": "digital_lm.settings.test",
                "DLM_DISCOVERY_ENGINE": "opensearch",
                "DLM_OPENSEARCH_URL": opensearch_url,
                "DLM_DISCOVERY_INDEX": index,
            },
        )
        with psycopg.connect(database_url(empty_database)) as restored:
            assert contents(restored.cursor()) == before
        for _title, _language, name, checksum in before["files"]:
            assert sha256(restored_media / name) == checksum
        assert files_under(restored_media) == files_under(settings.MEDIA_ROOT)

        settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = "opensearch", opensearch_url
        settings.DISCOVERY_INDEX = index
        found = client.get(
            reverse("discovery_api:discovery_search"), {"q": "welding", "lang": "en"}
        )
        assert [hit["external_id"] for hit in found.json()["results"]] == ["LM-DRILL-WELD"]
        assert found.json()["degraded"] is False
    finally:
        settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = "opensearch", opensearch_url
        drop_indices(index)


def current_database():
    return {"DATABASE_URL": database_url(connection.settings_dict["NAME"])}


def test_restore_refuses_a_database_that_has_tables(tmp_path):
    archive = tmp_path / "dlm-backup.tar.gz"
    archive.write_bytes(b"")
    media = {"DJANGO_MEDIA_ROOT": str(tmp_path / "empty-media")}
    refused = run("restore.sh", archive, env={**media, **current_database()}, check=False)
    assert refused.returncode != 0
    assert "restore into an empty one" in refused.stderr
