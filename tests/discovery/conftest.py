"""Fixtures of the discovery tests: a test's own index on a real engine, on either engine,
and one pass of the real worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.management.commands import db_worker

from filetext.models import DocumentText, TextSegment
from tests import factories
from tests.helpers import DiscoveryTestIndex, drop_indices, use_discovery_engine


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
    prefix = use_discovery_engine(settings, request.param, url)
    yield DiscoveryTestIndex(request.param)
    settings.DISCOVERY_ENGINE, settings.DISCOVERY_URL = request.param, url
    drop_indices(prefix)


@pytest.fixture
def run_discovery_worker(monkeypatch):
    """The real discovery worker command, one pass over the tasks that are due. (It recycles
    database connections between tasks, which would close the connection holding the
    test's transaction: that alone is switched off.)"""
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    return lambda: call_command(
        "db_worker",
        "--backend=discovery",
        "--queue-name=discovery",
        "--batch",
        "--no-startup-delay",
        verbosity=0,
    )


def give_text(document, pages, content_type=None):
    """The finished text of ``document``'s file, as the extraction leaves it: ``pages`` is
    {number: text} or {number: (label, text)}."""
    if content_type is not None:
        type(document).objects.filter(pk=document.pk).update(content_type=content_type)
        document.content_type = content_type
    text, _created = DocumentText.objects.update_or_create(
        document=document,
        defaults={
            "checksum_sha256": document.checksum_sha256,
            "status": DocumentText.Status.DONE,
            "segments": len(pages),
        },
    )
    text.text_segments.all().delete()
    TextSegment.objects.bulk_create(
        TextSegment(
            document_text=text,
            number=number,
            label=value[0] if isinstance(value, tuple) else "",
            text=value[1] if isinstance(value, tuple) else value,
        )
        for number, value in pages.items()
    )
    return text


@pytest.fixture
def material_with_text(site_tree):
    """A builder of published teaching materials with files and their text:
    ``build(title, files=[(file title, language, {number: text}, content_type)], **fields)``."""

    def build(title, files=(), translations=None, **fields):
        material = factories.TeachingMaterialPageFactory(
            parent=site_tree["section"], title=title, **fields
        )
        documents = []
        for file_title, language, pages, *content_type in files:
            document = factories.add_material_file(material, title=file_title, language=language)
            give_text(document, pages, *content_type)
            documents.append(document)
        factories.publish(material)
        for language, translated in (translations or {}).items():
            factories.translate(material, language, **translated)
        material.refresh_from_db()
        return material, documents

    return build
