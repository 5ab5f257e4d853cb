"""One table of file formats: what uploads accept, and how listings, previews and bundles
name and draw a file, all come from it."""

import re

from django.conf import settings

from downloads.templatetags.download_tags import file_format_label, file_icon_kind
from resources.documents.formats import FORMATS, ICONS, UPLOAD_FORMATS, format_extension
from resources.documents.safety import allowed_extensions


def test_every_extension_the_settings_allow_is_a_format_uploads_recognise():
    assert set(settings.WAGTAILDOCS_EXTENSIONS) <= set(UPLOAD_FORMATS)
    assert allowed_extensions() == sorted(settings.WAGTAILDOCS_EXTENSIONS)


def test_each_uploadable_format_is_listed_with_its_label_icon_and_extension():
    for file_format in UPLOAD_FORMATS.values():
        assert file_format_label(file_format.content_type) == file_format.label
        assert file_icon_kind(file_format.content_type) == file_format.icon
        assert format_extension(file_format.content_type) == f".{file_format.extension}"


def test_the_icon_template_draws_every_icon_a_format_can_have():
    template = (settings.BASE_DIR / "templates/includes/file_icon.html").read_text()
    drawn = {"document"} | set(re.findall(r'kind == "([a-z]+)"', template))
    assert {file_format.icon for file_format in FORMATS} <= set(ICONS) == drawn


def test_types_outside_the_table_keep_a_readable_label_and_the_document_icon():
    assert file_format_label("application/x-custom+xml") == "X-CUSTOM"
    assert file_icon_kind("application/x-custom+xml") == "document"
    assert file_icon_kind("audio/flac") == "audio"
    assert format_extension("application/x-custom") == ""
