"""A course's materials in one language as one ZIP: what a teacher downloads, and that it is
cached, resumable and never leaks a private file."""

import io
import os
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction

from downloads.bundles import BundleEntry, iter_zip, zip_length
from downloads.models import DailyBundleDownloads
from resources.models import CourseMaterial, ResourceDocument
from tests import factories

LAO = "lo"

pytestmark = pytest.mark.django_db


def _bytes(label, size=50_000):
    """Incompressible-looking content that is different for every label."""
    return (label.encode() + os.urandom(size))[:size]


@pytest.fixture
def course(site_tree):
    """A published course using two published materials (each with a Chinese and a Lao file,
    the second also a Lao handout), and a Lao translation of the first material."""
    section = site_tree["section"]
    course = factories.published_resource(section, factories.CoursePageFactory, title="电工基础")
    first = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电工安全教材"
    )
    second = factories.published_resource(
        section, factories.TeachingMaterialPageFactory, title="电路图练习"
    )
    contents = {}
    for material, files in (
        (first, [("zh-hans", "安全教材.pdf"), (LAO, "safety-lo.pdf")]),
        (second, [("zh-hans", "练习.pdf"), (LAO, "circuits-lo.pdf"), (LAO, "handout-lo.mp3")]),
    ):
        for language, filename in files:
            data = _bytes(filename)
            document = factories.add_material_file(
                material,
                title=f"{material.title} {filename}",
                language=language,
                file=ContentFile(data, name=filename),
            )
            contents[document.pk] = data
    for material in (first, second):
        CourseMaterial.objects.create(course=course, material=material)
    lao_first = factories.translate(first, LAO, title="ປຶ້ມຄວາມປອດໄພ ໄຟຟ້າ")
    return {
        "course": course,
        "materials": (first, second),
        "lao_first": lao_first,
        "contents": contents,
        "section": section,
    }


def _url(course, language=LAO):
    return reverse("course_bundle", args=[course.pk, language])


def _download(client, url, **headers):
    response = client.get(url, headers=headers)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def _by_content(course_fixture, language):
    return {
        bytes(course_fixture["contents"][document.pk]): document
        for document in ResourceDocument.objects.filter(pk__in=course_fixture["contents"])
        if document.language == language
    }


def test_bundle_holds_exactly_the_chosen_language_files_under_the_material_names(client, course):
    response, body = _download(client, _url(course["course"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert int(response["Content-Length"]) == len(body)
    assert "attachment" in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        contents = {info.filename: archive.read(info) for info in archive.infolist()}
    lao = _by_content(course, LAO)
    chinese = _by_content(course, "zh-hans")
    # Every Lao file, byte for byte, and nothing else.
    assert sorted(contents.values()) == sorted(lao)
    assert not set(contents.values()) & set(chinese)
    names = sorted(contents)
    # In one folder named after the course, numbered in the course's order, each named after
    # its material in Lao where the material is translated.
    assert all(name.startswith("电工基础/") for name in names)
    assert names[0] == "电工基础/01 ປຶ້ມຄວາມປອດໄພ ໄຟຟ້າ.pdf"
    assert any(
        name.startswith("电工基础/02 电路图练习 - ") and name.endswith(".pdf") for name in names
    )
    assert any(
        name.startswith("电工基础/03 电路图练习 - ") and name.endswith(".mp3") for name in names
    )


def test_the_same_files_give_the_same_zip_bytes(client, course, settings):
    _response, first = _download(client, _url(course["course"]))
    bundles = os.path.join(settings.MEDIA_ROOT, "bundles")
    for name in os.listdir(bundles):
        os.unlink(os.path.join(bundles, name))

    response, second = _download(client, _url(course["course"]))

    assert response["X-Bundle-Cache"] == "miss"  # built again, not read back
    assert second == first


def test_second_download_comes_from_the_cache_with_the_same_bytes_and_etag(client, course):
    first, first_body = _download(client, _url(course["course"]))
    second, second_body = _download(client, _url(course["course"]))

    assert first["X-Bundle-Cache"] == "miss"
    assert second["X-Bundle-Cache"] == "hit"
    assert second_body == first_body
    assert second["ETag"] == first["ETag"]
    assert second["Content-Length"] == first["Content-Length"]

    not_modified = client.get(_url(course["course"]), headers={"If-None-Match": first["ETag"]})
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == first["ETag"]


def test_a_changed_file_changes_the_bundle(client, course):
    before, before_body = _download(client, _url(course["course"]))
    document = next(iter(_by_content(course, LAO).values()))
    new_content = _bytes("corrected edition", 60_000)
    document.file = ContentFile(new_content, name="safety-lo-v2.pdf")
    document.save()

    after, after_body = _download(
        client, _url(course["course"]), **{"If-None-Match": before["ETag"]}
    )

    assert after.status_code == 200
    assert after["ETag"] != before["ETag"]
    assert after["X-Bundle-Cache"] == "miss"
    with zipfile.ZipFile(io.BytesIO(after_body)) as archive:
        contents = [archive.read(info) for info in archive.infolist()]
    assert new_content in contents
    assert before_body != after_body


def test_private_files_are_left_out_for_anonymous_teachers_even_after_a_member_downloaded(
    client, course, django_user_model
):
    private = Collection.get_first_root_node().add_child(name="Members only")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    secret = _bytes("members-only answers")
    factories.add_material_file(
        course["materials"][1],
        title="Answers",
        language=LAO,
        collection=private,
        file=ContentFile(secret, name="answers-lo.pdf"),
    )
    member = django_user_model.objects.create_user("member", password="pw-12345")
    client.force_login(member)
    member_response, member_body = _download(client, _url(course["course"]))
    client.logout()

    anonymous_response, anonymous_body = _download(client, _url(course["course"]))

    assert secret in zipfile.ZipFile(io.BytesIO(member_body)).read(
        next(n for n in zipfile.ZipFile(io.BytesIO(member_body)).namelist() if "Answers" in n)
    )
    assert member_response["Cache-Control"].startswith("private")
    assert anonymous_response["X-Bundle-Cache"] == "miss"  # not the member's cached bundle
    assert anonymous_response["ETag"] != member_response["ETag"]
    with zipfile.ZipFile(io.BytesIO(anonymous_body)) as archive:
        assert not any("Answers" in name for name in archive.namelist())
        assert secret not in [archive.read(info) for info in archive.infolist()]
    assert secret[:1000] not in anonymous_body
    # Asked again by an anonymous teacher, the cached bundle is the anonymous one.
    again, again_body = _download(client, _url(course["course"]))
    assert again["X-Bundle-Cache"] == "hit"
    assert again_body == anonymous_body


@pytest.mark.parametrize("cached_first", [False, True], ids=["first-download", "cached"])
def test_an_interrupted_download_resumes_and_reassembles_byte_for_byte(
    client, course, cached_first
):
    full_response, full = _download(client, _url(course["course"]))
    if not cached_first:
        # Forget the cache: the first part is cut from a bundle being built.
        from django.core.files.storage import default_storage

        default_storage.delete(
            next(
                f"bundles/{name}"
                for name in default_storage.listdir("bundles")[1]
                if name.endswith(".zip")
            )
        )
    cut = len(full) // 3

    head, head_body = _download(client, _url(course["course"]), Range=f"bytes=0-{cut - 1}")
    tail, tail_body = _download(
        client,
        _url(course["course"]),
        Range=f"bytes={cut}-",
        **{"If-Range": head["ETag"]},
    )

    assert head.status_code == tail.status_code == 206
    assert head["Content-Range"] == f"bytes 0-{cut - 1}/{len(full)}"
    assert tail["Content-Range"] == f"bytes {cut}-{len(full) - 1}/{len(full)}"
    assert head_body + tail_body == full
    assert tail["X-Bundle-Cache"] == "hit"  # the first part's request finished the cache


def test_a_resume_after_the_bundle_changed_starts_again(client, course):
    response, full = _download(
        client, _url(course["course"]), Range="bytes=100-", **{"If-Range": '"an-old-etag"'}
    )

    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(full)


def test_a_range_past_the_end_is_refused(client, course):
    response = client.get(_url(course["course"]), headers={"Range": "bytes=999999999-"})

    assert response.status_code == 416


def test_no_bundle_in_a_language_without_files_or_for_a_draft_course(client, course):
    assert client.get(_url(course["course"], "km")).status_code == 404
    assert client.get(_url(course["course"], "xx")).status_code == 404
    course["course"].unpublish()
    assert client.get(_url(course["course"])).status_code == 404


def test_course_page_offers_one_bundle_per_language_with_count_and_size(client, course):
    course_page = course["course"]

    html = client.get(course_page.url).content.decode()

    assert html.count('class="bundles__link"') == 2  # Chinese and Lao
    assert f'href="{_url(course_page, LAO)}"' in html
    assert f'href="{_url(course_page, "zh-hans")}"' in html
    assert "（ZIP，3 个文件，" in html  # "(ZIP, 3 files, …)", in Chinese
    assert "（ZIP，2 个文件，" in html


def test_zip_length_is_announced_exactly_for_names_in_every_script():
    entries = [("课程/01 ປຶ້ມ.pdf", 10), ("课程/02 ការជួសជុល.mp4", 0), ("a.txt", 12345)]

    class Document:
        def __init__(self, name):
            self.file = type("F", (), {"name": name})()

    class Storage:
        def open(self, name, mode):
            return io.BytesIO(b"x" * dict(entries)[name])

    body = b"".join(
        iter_zip([BundleEntry(n, Document(n), s) for n, s in entries], storage=Storage())
    )
    assert len(body) == zip_length(entries)
    assert zipfile.ZipFile(io.BytesIO(body)).namelist() == [n for n, _s in entries]


def test_a_bundle_is_served_whole_when_its_cache_cannot_be_written(
    client, course, settings, caplog
):
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    with open(os.path.join(settings.MEDIA_ROOT, "bundles"), "w") as blocker:
        blocker.write("a file where the cache folder should be")

    response, body = _download(client, _url(course["course"]))

    assert response.status_code == 200
    assert int(response["Content-Length"]) == len(body)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        assert archive.testzip() is None
        assert sorted(archive.read(info) for info in archive.infolist()) == sorted(
            _by_content(course, LAO)
        )
    assert "streamed without caching" in caplog.text


def test_a_course_zip_download_is_counted_per_course_and_language_once_per_client(client, course):
    url = _url(course["course"])
    response, body = _download(client, url)
    _download(client, url, Range=f"bytes={len(body) // 2}-")  # resumed: the same download
    _download(client, url)  # again at once: a double click
    client.get(url, REMOTE_ADDR="203.0.113.5")  # another teacher
    _download(client, _url(course["course"], "zh-hans"))

    counts = {
        (row.course_id, row.language): row.downloads for row in DailyBundleDownloads.objects.all()
    }
    assert counts == {(course["course"].pk, LAO): 2, (course["course"].pk, "zh-hans"): 1}
