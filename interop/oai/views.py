"""The OAI-PMH endpoint: one address, every verb, by GET or POST (a harvester may send its
arguments either way; nothing changes, so POST needs no CSRF token). Every answer is HTTP
200 in XML: the protocol's own errors are part of it."""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from . import tracking, verbs
from .dates import to_datestamp
from .protocol import OaiError, checked_arguments
from .xml import child, root, serialize

HANDLERS = {
    "Identify": verbs.identify,
    "ListMetadataFormats": verbs.list_metadata_formats,
    "ListSets": verbs.list_sets,
    "GetRecord": verbs.get_record,
    "ListIdentifiers": verbs.list_identifiers,
    "ListRecords": verbs.list_records,
}


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def endpoint(request):
    query = request.POST if request.method == "POST" else request.GET
    document = root(
        verbs.OAI, "OAI-PMH", "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd", {None: verbs.OAI}
    )
    child(document, verbs.OAI, "responseDate", to_datestamp(timezone.now()))
    echo = child(document, verbs.OAI, "request", request.build_absolute_uri(reverse("oai")))
    try:
        verb, arguments = checked_arguments(query)
        # The request is echoed with its arguments only once they are known to be valid.
        echo.set("verb", verb)
        for name, value in arguments.items():
            echo.set(name, value)
        tracking.ensure_filled()
        with translation.override("en"):  # the protocol's labels; records keep their language
            HANDLERS[verb](request, document, arguments)
    except OaiError as error:
        if error.code in ("badVerb", "badArgument"):
            echo.attrib.clear()  # the protocol echoes no arguments of a malformed request
        child(document, verbs.OAI, "error", error.message, code=error.code)
    return HttpResponse(serialize(document), content_type="text/xml; charset=utf-8")
