"""The download of a teaching-material file: privacy first, then the bytes, resumable.

``document.url`` points here (the URL name is Wagtail's ``wagtaildocs_serve``). Depending on
``DOWNLOAD_OFFLOAD`` the bytes come from Django (streamed in chunks, with ranges), from nginx
(``X-Accel-Redirect``), from Apache/lighttpd (``X-Sendfile``) or from object storage (a redirect
to a short-lived signed URL). Every way carries the same safety headers.
"""

from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseForbidden,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.documents.models import document_served
from wagtail.models import BaseViewRestriction

from resources.documents.names import content_disposition

from . import responses
from .access import may_download
from .opening import may_open_in_browser, wants_browser_view
from .responses import UNSATISFIABLE
from .stats import count_download

CHUNK_SIZE = 64 * 1024
OFFLOAD_MODES = ("none", "x-accel-redirect", "x-sendfile", "redirect")


def serve_document(request, document_id, document_filename):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET", "HEAD"])
    document = get_object_or_404(get_document_model(), id=document_id)
    # The name in the URL must be the document's: an old link to a replaced file finds nothing.
    if document.filename != document_filename:
        raise Http404("This document does not match the given filename.")
    if not may_download(request, document):
        return refusal(request, document)
    document_served.send(sender=type(document), instance=document, request=request)
    # ``?view=1`` shows a checked PDF in the browser (a search's "page 37" link); any other
    # file is downloaded whatever the address asks.
    inline = wants_browser_view(request) and may_open_in_browser(document)
    return Download(request, document, inline=inline).response()


def refusal(request, document):
    """The answer to a request the collection's privacy does not let through: a password form,
    the login page for visitors, 403 for signed-in users outside the allowed groups."""
    for restriction in document.collection.get_view_restrictions():
        if restriction.accept_request(request):
            continue
        if restriction.restriction_type == BaseViewRestriction.PASSWORD:
            from wagtail.forms import PasswordViewRestrictionForm

            form = PasswordViewRestrictionForm(
                instance=restriction, initial={"return_url": request.get_full_path()}
            )
            response = TemplateResponse(
                request,
                getattr(
                    settings,
                    "WAGTAILDOCS_PASSWORD_REQUIRED_TEMPLATE",
                    "wagtaildocs/password_required.html",
                ),
                {
                    "form": form,
                    "action_url": reverse(
                        "wagtaildocs_authenticate_with_password", args=[restriction.id]
                    ),
                },
            )
            break
        if not request.user.is_authenticated:
            from wagtail.wagtail_hooks import require_wagtail_login

            response = require_wagtail_login(next=request.get_full_path())
            break
        response = HttpResponseForbidden()
        break
    else:  # may_download said no, so one restriction refused; never serve on doubt
        response = HttpResponseForbidden()
    return responses.cache_policy(response, responses.NOBODY)


def offload_mode():
    mode = getattr(settings, "DOWNLOAD_OFFLOAD", "none") or "none"
    if mode not in OFFLOAD_MODES:
        raise ImproperlyConfigured(
            f"DLM_DOWNLOAD_OFFLOAD must be one of {', '.join(OFFLOAD_MODES)}, not {mode!r}."
        )
    return mode


class Download:
    """One request for one file's bytes."""

    def __init__(self, request, document, inline=False):
        self.request = request
        self.document = document
        self.inline = inline
        checksum = document.checksum_sha256 or document.file_hash
        self.etag = f'"{checksum}"' if checksum else None
        self.last_modified = int(document.created_at.timestamp())

    def response(self):
        not_modified = responses.not_modified(self.request, self.etag, self.last_modified)
        if not_modified is not None:
            return self.finish(not_modified)
        mode = offload_mode()
        if mode == "redirect":
            return self.redirect_to_storage()
        if mode == "x-accel-redirect":
            return self.hand_to_front_server(
                "X-Accel-Redirect",
                getattr(settings, "DOWNLOAD_ACCEL_PREFIX", "/internal-media/").rstrip("/")
                + "/"
                + quote(self.document.file.name),
            )
        if mode == "x-sendfile":
            return self.hand_to_front_server("X-Sendfile", self.document.file.path)
        return self.stream()

    # Django sends the bytes.

    def stream(self):
        size = self.size()
        byte_range = responses.requested_range(self.request, size, self.etag, self.last_modified)
        if byte_range == UNSATISFIABLE:
            return self.finish(responses.range_not_satisfiable(size))
        start, end = byte_range or (0, size - 1)
        if self.request.method == "HEAD":
            response = HttpResponse()
        else:
            response = responses.streaming_response(self.chunks(start, end))
        responses.send_range(response, byte_range, size)
        if start == 0:
            self.count()
        return self.finish(response)

    def size(self):
        if self.document.file_size is not None:
            return self.document.file_size
        return self.document.file.storage.size(self.document.file.name)

    def chunks(self, start, end):
        file = self.document.file
        return responses.read_range(file.storage, file.name, start, end, CHUNK_SIZE)

    # Someone else sends the bytes.

    def hand_to_front_server(self, header, target):
        response = HttpResponse()
        response[header] = target
        # The front server answers ranges itself; count only downloads from the first byte.
        if self.starts_at_first_byte():
            self.count()
        return self.finish(response)

    def redirect_to_storage(self):
        storage = self.document.file.storage
        name = self.document.file.name
        expiry = getattr(settings, "DOWNLOAD_URL_EXPIRY", 300)
        parameters = {
            "ResponseContentDisposition": content_disposition(
                self.document.download_filename, "inline" if self.inline else "attachment"
            ),
            "ResponseContentType": responses.document_content_type(self.document),
        }
        try:  # django-storages' S3 storage signs these into the URL
            url = storage.url(name, parameters=parameters, expire=expiry)
        except TypeError:
            url = storage.url(name)
        if self.starts_at_first_byte():
            self.count()
        return responses.cache_policy(HttpResponseRedirect(url), responses.NOBODY)

    def starts_at_first_byte(self):
        header = self.request.headers.get("Range", "").strip().replace(" ", "")
        return (
            not header
            or header.startswith("bytes=0-")
            or not responses.if_range_holds(self.request, self.etag, self.last_modified)
        )

    def count(self):
        if self.request.method == "GET":
            count_download(self.request, self.document)

    def finish(self, response):
        """The validators and safety headers every answer about the file carries."""
        return responses.attachment_response(
            response,
            filename=self.document.download_filename,
            content_type=responses.document_content_type(self.document),
            audience=responses.BROWSER,
            etag=self.etag,
            last_modified=self.last_modified,
            inline=self.inline,
        )
