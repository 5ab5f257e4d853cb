"""Template tags for course bundles, file previews and file formats (the logic lives in the
downloads app and in resources.documents.formats)."""

from django import template
from django.urls import reverse

from downloads.access import downloadable, may_download
from downloads.bundles import available_bundles
from downloads.previews import ensure_preview, preview_dimensions
from resources.caching import cached
from resources.documents.formats import format_icon, format_label

register = template.Library()


@register.simple_tag(takes_context=True)
def course_bundles(context, course):
    """``{% course_bundles page as bundles %}``: one entry per language the course's materials
    can be downloaded in, as a ZIP, by this visitor: language, file count, size and URL."""
    request = context.get("request")
    return [
        {
            "language": language,
            "count": count,
            "size": size,
            "url": reverse("course_bundle", args=[course.pk, language]),
        }
        for language, count, size in available_bundles(course, request)
    ]


@register.simple_tag(takes_context=True)
def downloadable_files(context, material):
    """``{% downloadable_files page as files %}``: the material's files, by language, that this
    visitor may download (the others are not even named)."""
    return downloadable(context.get("request"), material.files_by_language())


@register.simple_tag(takes_context=True)
def document_preview(context, document):
    """``{% document_preview document as preview %}``: the URL, width and height of the
    thumbnail of a PDF the visitor may download, or None (the page shows the type's icon)."""
    request = context.get("request")
    if request is None or not may_download(request, document):
        return None
    # What the thumbnail is does not depend on the visitor: kept, not read from storage again.
    return cached("document-preview", lambda: _preview(document), document.pk)


def _preview(document):
    if ensure_preview(document) is None:
        return None
    width, height = preview_dimensions(document)
    return {
        "url": reverse("document_preview", args=[document.pk]),
        "width": width,
        "height": height,
    }


@register.filter
def file_icon_kind(content_type):
    """'application/vnd.ms-excel' -> 'spreadsheet', the icon includes/file_icon.html draws."""
    return format_icon(content_type)


@register.filter
def file_format_label(content_type):
    """'application/vnd.ms-excel' -> 'Excel'; unknown types by their subtype in capitals."""
    return format_label(content_type)
