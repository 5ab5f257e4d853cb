"""Cached course bundles do not pile up: old ones are pruned and rebuilt when asked for again."""

import io
import os
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from resources.models import CourseMaterial
from tests import factories

pytestmark = pytest.mark.django_db
DAY = 24 * 3600


def _age(name, days):
    path = default_storage.path(name)
    then = time.time() - days * DAY
    os.utime(path, (then, then))


def _prune(*args):
    out = io.StringIO()
    call_command("prune_bundle_cache", *args, stdout=out)
    return out.getvalue()


def test_old_and_abandoned_bundles_are_deleted_and_recent_ones_kept(settings):
    old = default_storage.save("bundles/old.zip", ContentFile(b"x" * 2048))
    recent = default_storage.save("bundles/recent.zip", ContentFile(b"y"))
    partial = default_storage.save("bundles/.partial-abc.zip", ContentFile(b"z"))
    _age(old, 31)
    _age(recent, 3)
    _age(partial, 2)

    assert "Would delete 2 of 3" in _prune("--dry-run")
    assert default_storage.exists(old)

    assert "Deleted 2 of 3" in _prune()
    assert not default_storage.exists(old)
    assert not default_storage.exists(partial)
    assert default_storage.exists(recent)


def test_a_pruned_bundle_is_rebuilt_on_its_next_download(client, site_tree):
    section = site_tree["section"]
    course = factories.published_resource(section, factories.CoursePageFactory, title="电工基础")
    material = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电工安全教材"
    )
    factories.add_material_file(
        material, language="lo", file=ContentFile(b"%PDF-1.4\n% lao\n%%EOF\n", name="lo.pdf")
    )
    CourseMaterial.objects.create(course=course, material=material)
    url = reverse("course_bundle", args=[course.pk, "lo"])
    first = b"".join(client.get(url).streaming_content)
    _folders, cached = default_storage.listdir("bundles")
    for name in cached:
        _age(f"bundles/{name}", 40)

    assert "Deleted 1 of 1" in _prune()

    again = client.get(url)
    assert again.status_code == 200
    body = b"".join(again.streaming_content)
    assert body == first
    assert zipfile.ZipFile(io.BytesIO(body)).testzip() is None
