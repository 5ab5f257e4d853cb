"""Public views of certificates: the learner's page (only through its unguessable link), its
signed JSON and QR code, the issuers' DID documents and status lists, and verification."""

import json

from django.core.exceptions import ImproperlyConfigured, RequestDataTooBig
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from credentials.identities import absolute, did_document
from credentials.lookup import PageWithdrawn, credential_from_url
from credentials.models import CredentialIssuer, IssuedCredential, StatusList
from credentials.presentation import describe
from credentials.printing import certificate_pdf
from credentials.qr_reading import UnreadablePicture, link_in_picture
from credentials.status_lists import published
from credentials.verification import (
    MALFORMED,
    MAX_BYTES,
    WITHDRAWN,
    Malformed,
    Verification,
    parse,
    verify,
)
from digital_lm.languages import LANGUAGE_CODES
from resources.localization import language_links
from resources.qr_codes import svg as qr_svg

LD_JSON = "application/ld+json"


def _private(response):
    """Learners' pages are for those holding the link: never cached by a shared cache, never
    indexed, and their address is not sent on to other sites."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _current(response):
    # Revocation takes effect at the next verification: verifiers must ask again each time.
    patch_cache_control(response, public=True, no_cache=True)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(document, status=200, content_type=LD_JSON):
    return HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        status=status,
        content_type=f"{content_type}; charset=utf-8",
    )


@require_safe
def issuer_did(request, slug):
    issuer = get_object_or_404(CredentialIssuer, slug=slug)
    return _current(_json(did_document(issuer), content_type="application/did+ld+json"))


@require_safe
def status_list(request, slug, number):
    status = get_object_or_404(StatusList, issuer__slug=slug, number=number)
    try:
        signed = published(status)
    except ImproperlyConfigured:
        # A list never signed, and the issuer's key does not open (DLM_CREDENTIAL_KEY_SECRET
        # is not the one it was made with): say so, rather than fail; verifying here needs
        # no private key.
        response = _json({"error": "This status list is not available yet."}, status=503)
        response["Retry-After"] = "3600"
        patch_cache_control(response, no_store=True)
        response["Access-Control-Allow-Origin"] = "*"
        return response
    return _current(_json(signed, content_type="application/vc+ld+json"))


def _shown(token):
    """The credential behind a public link, unless its page was withdrawn (404: the link then
    tells nothing about who holds it)."""
    credential = (
        IssuedCredential.objects.select_related("issuer").filter(public_token=token).first()
    )
    if credential is None or credential.page_withdrawn_at is not None:
        raise Http404  # the same answer for both: a withdrawn link is as if it never was
    return credential


@require_safe
def credential_json(request, token):
    credential = _shown(token)
    response = _json(credential.signed, content_type="application/vc+ld+json")
    response["Content-Disposition"] = f'attachment; filename="certificate-{credential.uuid}.json"'
    return _private(response)


@require_safe
def credential_qr(request, token):
    credential = _shown(token)
    return _private(HttpResponse(qr_svg(page_url(credential)), content_type="image/svg+xml"))


@require_safe
def credential_pdf(request, token):
    credential = _shown(token)
    language = translation.get_language()
    response = HttpResponse(
        certificate_pdf(credential, language, page_url(credential, language)),
        content_type="application/pdf",
    )
    response["Content-Disposition"] = f'inline; filename="certificate-{credential.uuid}.pdf"'
    return _private(response)


def page_url(credential, language=None):
    with translation.override(language or credential.language):
        return absolute(reverse("credential_page", args=[credential.public_token]))


@require_safe
def credential_page(request, token):
    credential = _shown(token)
    result = verify(credential.signed)
    context = {
        "credential": credential,
        "verification": result,
        "certificate": describe(credential.signed, translation.get_language()),
        "page_url": page_url(credential, translation.get_language()),
        "search_language_links": language_links(
            request, "credential_page", args=[credential.public_token]
        ),
    }
    return _private(render(request, "credentials/credential_page.html", context))


def _described(result, language):
    """What the certificate says, when its issuer's signature holds (a forged one's words are
    not shown as a certificate's)."""
    if result is None or not result.credential or not result.authentic:
        return None
    return describe(result.credential, language)


def verification_of(text="", url=""):
    """The verification of pasted JSON or of a link to a certificate of this repository."""
    try:
        if url.strip():
            credential = credential_from_url(url.strip())
            return verify(credential.signed)
        return verify(parse(text))
    except PageWithdrawn as error:
        result = Verification(verdict=WITHDRAWN)
        result.add("page", False, str(error))
        return result
    except Malformed as error:
        result = Verification()
        result.add("format", False, str(error))
        return result


@require_http_methods(["GET", "POST"])
def verify_page(request):
    result = None
    text = url = ""
    if request.method == "POST":
        text = request.POST.get("credential", "")
        url = request.POST.get("url", "")
        upload = request.FILES.get("file")
        picture = request.FILES.get("picture")
        if upload is not None:
            text = upload.read(MAX_BYTES + 1).decode("utf-8", "replace")
        if picture is not None:
            try:
                url = link_in_picture(picture)
            except UnreadablePicture as error:
                result = Verification()
                result.add("picture", False, str(error))
        if result is None and (upload is not None or text.strip() or url.strip()):
            result = verification_of(text, url)
    elif request.GET.get("url"):
        url = request.GET["url"]
        result = verification_of(url=url)
    context = {
        "result": result,
        "certificate": _described(result, translation.get_language()),
        "pasted": text[:MAX_BYTES],
        "url": url,
        "search_language_links": language_links(request, "verify_page"),
    }
    status = 400 if result is not None and result.verdict == MALFORMED else 200
    response = _private(render(request, "credentials/verify_page.html", context, status=status))
    # Its form posts to itself: under "no-referrer" browsers send "Origin: null" with the post,
    # which Django's CSRF check refuses. "same-origin" still tells other sites nothing (a
    # ?url=<certificate link> included).
    response["Referrer-Policy"] = "same-origin"
    return response


@csrf_exempt  # a machine API without cookies: it changes nothing
@require_http_methods(["POST"])
def verify_api(request):
    """POST a credential as JSON (or {"url": "<certificate link>"}): the verdict and each check,
    in the language of ``?language=`` (else Accept-Language)."""
    language = request.GET.get("language", "")
    if language not in LANGUAGE_CODES:
        language = translation.get_language_from_request(request)
    with translation.override(language):
        answer, status = _api_answer(request, language)
    response = JsonResponse(answer, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, no_store=True)
    return response


def _api_answer(request, language):
    """(answer, HTTP status) of the verification API."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    try:
        if length > MAX_BYTES:
            raise RequestDataTooBig
        body = parse(request.body.decode("utf-8", "replace"))
    except RequestDataTooBig:
        error = _("The request is too large for a certificate (at most %(size)s bytes).") % {
            "size": MAX_BYTES
        }
        return _malformed(error), 413
    except Malformed as error:
        return _malformed(str(error)), 400
    if set(body) == {"url"}:
        result = verification_of(url=str(body["url"]))
    else:
        result = verify(body)
    answer = {
        "verdict": result.verdict,
        "message": str(result.message),
        "checks": [check.as_dict() for check in result.checks],
        "certificate": _described(result, language),
    }
    return answer, 200


def _malformed(error):
    return {
        "verdict": "malformed",
        "message": str(Verification().message),
        "error": error,
        "checks": [{"check": "format", "passed": False, "message": error}],
        "certificate": None,
    }
