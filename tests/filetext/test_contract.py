"""What the rest of the site relies on: which files have text, what their segments are, and an
extraction package a child process can import without Django."""

import subprocess
import sys

from filetext.extraction import LOCATIONS, has_text
from filetext.extraction.kinds import KINDS
from resources.documents.formats import FORMATS, UPLOAD_FORMATS
from tests.helpers import PROJECT_ROOT


def test_every_type_with_text_is_an_upload_format_and_has_its_location():
    uploadable = {f.content_type for f in UPLOAD_FORMATS.values()}

    assert set(KINDS) <= uploadable
    assert set(LOCATIONS) == set(KINDS)
    assert set(LOCATIONS.values()) == {None, "page", "slide", "sheet", "chapter"}


def test_audio_video_and_archives_have_no_text_and_documents_do():
    for file_format in FORMATS:
        if file_format.icon in ("audio", "archive") or file_format.content_type.startswith(
            "video/"
        ):
            assert not has_text(file_format.content_type), file_format
    for extension in ("pdf", "docx", "pptx", "xlsx", "odt", "ods", "odp", "epub", "txt", "csv"):
        assert has_text(UPLOAD_FORMATS[extension].content_type), extension
    assert has_text("text/plain; charset=utf-8")
    assert has_text("application/x-subrip") and has_text("text/vtt")


def test_the_extraction_imports_without_django():
    code = (
        "import sys, filetext.extraction, filetext.extraction.child; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed code
        [sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True
    )

    assert done.stdout.strip() == "[]"
