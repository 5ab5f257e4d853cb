"""Public views of certificates: the learner's page (only through its unguessable link), its
signed JSON and QR code, the issuers' DID documents and status lists, and verification."""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from credentials.identities import absolute, did_document
from credentials.lookup import credential_from_url
from credentials.models import CredentialIssuer, IssuedCredential, StatusList
from credentials.presentation import describe
from credentials.printing import certificate_pdf
from credentials.status_lists import published
from credentials.verification import Malformed, Verification, parse, verify
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
    return _current(_json(published(status), content_type="application/vc+ld+json"))


def _shown(token):
    """The credential behind a public link, unless its page was withdrawn (404: the link then
    tells nothing about who holds it)."""
    credential = get_object_or_404(
        IssuedCredential.objects.select_related("issuer"), public_token=token
    )
    if credential.page_withdrawn_at is not None:
        raise Http404
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
        "search_language_links": _page_language_links(request, credential),
    }
    return _private(render(request, "credentials/credential_page.html", context))


def _page_language_links(request, credential):
    links = []
    current = translation.get_language()
    for link in language_links(request, "verify_page"):
        with translation.override(link["code"]):
            link["url"] = reverse("credential_page", args=[credential.public_token])
        link["is_current"] = link["code"] == current
        links.append(link)
    return links


def verification_of(text="", url=""):
    """The verification of pasted JSON or of a link to a certificate of this repository."""
    try:
        if url.strip():
            credential = credential_from_url(url.strip())
            return verify(credential.signed)
        return verify(parse(text))
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
        if upload is not None:
            text = upload.read(200_001).decode("utf-8", "replace")
        if text.strip() or url.strip():
            result = verification_of(text, url)
    elif request.GET.get("url"):
        url = request.GET["url"]
        result = verification_of(url=url)
    context = {
        "result": result,
        "certificate": describe(result.credential, translation.get_language())
        if result is not None and result.credential
        else None,
        "pasted": text,
        "url": url,
        "search_language_links": language_links(request, "verify_page"),
    }
    status = 400 if result is not None and result.credential is None else 200
    return _private(render(request, "credentials/verify_page.html", context, status=status))


@csrf_exempt  # a machine API without cookies: it changes nothing
@require_http_methods(["POST"])
def verify_api(request):
    """POST a credential as JSON (or {"url": "<certificate link>"}): the verdict and each check,
    in the language of ``?language=`` (else Accept-Language)."""
    language = request.GET.get("language") or translation.get_language_from_request(request)
    with translation.override(language):
        try:
            body = parse(request.body.decode("utf-8", "replace"))
        except Malformed as error:
            return JsonResponse({"verdict": "malformed", "error": str(error)}, status=400)
        if set(body) == {"url"}:
            result = verification_of(url=str(body["url"]))
        else:
            result = verify(body)
        answer = {
            "verdict": result.verdict,
            "message": str(result.message),
            "checks": [check.as_dict() for check in result.checks],
            "certificate": describe(result.credential, language) if result.credential else None,
        }
    response = JsonResponse(answer, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    patch_cache_control(response, no_store=True)
    return response
