"""Editors can upload teaching materials, but never programs, web pages or files in disguise:
the admin says why, and nothing is stored."""

import io
import json
import tracemalloc
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from wagtail.models import UploadedFile

from resources.models import InstitutionEditorial, ResourceDocument
from tests.factories import institution_member

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + b"payload"
HTML = b"<!DOCTYPE html><html><body><script>fetch('/admin/')</script></body></html>"
SVG = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)


def zip_bytes(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX = zip_bytes({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
ODT = zip_bytes({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
EPUB = zip_bytes({"mimetype": "application/epub+zip", "META-INF/container.xml": "<c/>"})


@pytest.fixture
def editor_client(client, site_tree):
    editor = institution_member(site_tree["institution"], "somphone")
    client.force_login(editor)
    return client


@pytest.fixture
def collection(site_tree):
    return InstitutionEditorial.for_institution(site_tree["institution"]).collection


def stored_files(settings):
    documents = settings.MEDIA_ROOT / "documents"
    return list(documents.rglob("*")) if documents.exists() else []


def add_document(client, collection, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "ເອກະສານ",
            "file": SimpleUploadedFile(name, data),
            "collection": collection.pk,
            "language": "lo",
            "tags": "",
        },
    )


def add_multiple(client, collection, name, data):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, data), "collection": collection.pk},
    )
    assert response.status_code == 200
    return json.loads(response.content)


REFUSED = [
    pytest.param("setup.pdf", ELF, "is a program or script", id="ELF renamed to .pdf"),
    pytest.param("tool.docx", b"MZ\x90\x00" + b"\x00" * 60, "is a program", id="Windows .exe"),
    pytest.param("notes.txt", b"#!/bin/sh\nrm -rf ~\n", "is a program or script", id="script"),
    pytest.param("lesson.pdf", HTML, "is a web page or SVG image", id="HTML renamed to .pdf"),
    pytest.param("diagram.pdf", SVG, "is a web page or SVG image", id="SVG renamed to .pdf"),
    pytest.param("diagram.svg", SVG, "cannot be uploaded. Allowed types", id="SVG"),
    pytest.param("page.html", HTML, "cannot be uploaded. Allowed types", id="HTML"),
    pytest.param("slides.pptx", DOCX, "is not really a PowerPoint file", id="docx as pptx"),
    pytest.param("book.epub", ODT, "is not really a EPUB file", id="odt as epub"),
    pytest.param("report.docx", PDF, "is not really a Word file", id="pdf as docx"),
    pytest.param(
        "lesson.vtt",
        b"1\n00:00:01.000 --> 00:00:02.000\nHi\n",
        "is not really a WebVTT subtitles file",
        id="vtt without its header",
    ),
    pytest.param(
        "lesson.srt",
        "ຄຳສັບ".encode("utf-16"),
        "is not really a SubRip subtitles file",
        id="srt not UTF-8",
    ),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_add_form_refuses_unsafe_files_with_a_clear_message(
    editor_client, collection, settings, name, data, message
):
    response = add_document(editor_client, collection, name, data)

    assert response.status_code == 200  # the form again, with the reason
    assert message in response.content.decode()
    assert not ResourceDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(("name", "data", "message"), REFUSED)
def test_multiple_upload_refuses_unsafe_files_with_a_clear_message(
    editor_client, collection, settings, name, data, message
):
    answer = add_multiple(editor_client, collection, name, data)

    assert answer["success"] is False
    assert message in answer["error_message"]
    assert not ResourceDocument.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(settings) == []


def test_files_over_the_size_limit_are_refused_in_both_upload_forms(
    editor_client, collection, settings
):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    big_pdf = PDF + b"%" * 2048

    response = add_document(editor_client, collection, "big.pdf", big_pdf)
    answer = add_multiple(editor_client, collection, "big.pdf", big_pdf)

    assert "This file is too big" in response.content.decode()
    assert "too big" in answer["error_message"]
    assert not ResourceDocument.objects.exists()
    assert stored_files(settings) == []


@pytest.mark.parametrize(
    ("name", "data", "content_type"),
    [
        ("ເອກະສານ.pdf", PDF, "application/pdf"),
        (
            "lesson.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("lesson.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("book.epub", EPUB, "application/epub+zip"),
        ("lesson.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "application/msword"),
        ("talk.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 100, "audio/mpeg"),
        ("clip.mp4", b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00" + b"\x00" * 64, "video/mp4"),
        ("ຄຳສັບ.txt", "ໄຟຟ້າ — electricity\n".encode(), "text/plain"),
        ("ບົດຮຽນ.srt", "1\n00:00:01,000 --> 00:00:02,000\nໄຟຟ້າ\n".encode(), "application/x-subrip"),
        ("lesson.vtt", "\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nໄຟຟ້າ\n".encode(), "text/vtt"),
    ],
)
def test_genuine_teaching_materials_upload_with_their_real_type(
    editor_client, collection, name, data, content_type
):
    response = add_document(editor_client, collection, name, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    document = ResourceDocument.objects.get()
    assert document.content_type == content_type
    with document.open_file() as f:
        assert f.read() == data


def test_the_multiple_upload_form_accepts_a_genuine_pdf(editor_client, collection):
    answer = add_multiple(editor_client, collection, "lesson.pdf", PDF)

    # Each file still needs its language: it waits as an upload until the editor picks one.
    assert answer["success"] is True
    upload = UploadedFile.objects.get()
    response = editor_client.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload.pk]),
        {
            f"uploaded-document-{upload.pk}-title": "Lesson",
            f"uploaded-document-{upload.pk}-collection": collection.pk,
            f"uploaded-document-{upload.pk}-language": "th",
            f"uploaded-document-{upload.pk}-tags": "",
        },
    )
    assert json.loads(response.content)["success"] is True
    document = ResourceDocument.objects.get()
    assert (document.language, document.content_type) == ("th", "application/pdf")


def test_full_clean_refuses_a_disguised_file_so_imports_cannot_bypass(db):
    document = ResourceDocument(
        title="Lesson", language="lo", file=ContentFile(HTML, name="lesson.pdf")
    )

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            document.full_clean()
        assert "is a web page or SVG image" in " ".join(refused.value.message_dict["file"])


def inflating_odt(inflated_bytes):
    """A small OpenDocument whose "mimetype" member inflates to ``inflated_bytes``: the right
    content type, then padding (a zip bomb in the member every check reads)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("mimetype", "w") as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            padding = b" " * (1 << 20)
            for _ in range(inflated_bytes >> 20):
                member.write(padding)
        archive.writestr("content.xml", "<x/>")
    return buffer.getvalue()


def test_an_upload_whose_mimetype_inflates_to_300_mb_is_refused_without_inflating_it(
    editor_client, collection, settings
):
    bomb = inflating_odt(300 << 20)
    assert len(bomb) < 400_000

    tracemalloc.start()
    try:
        with (
            translation.override("en"),
            pytest.raises(ValidationError, match="is not really a OpenDocument Text file"),
        ):
            ResourceDocument(
                title="ເອກະສານ", file=ContentFile(bomb, name="lesson.odt"), collection=collection
            ).full_clean()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    response = add_document(editor_client, collection, "lesson.odt", bomb)

    assert peak < 5 << 20  # bytes: a few buffers, not the inflated member
    assert "is not really a OpenDocument Text file" in response.content.decode()
    assert stored_files(settings) == []
