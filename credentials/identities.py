"""Where an issuer and its documents live on the web: its did:web identifier, its DID document
listing every key it ever signed with, and the absolute addresses credentials name."""

from urllib.parse import quote, urlsplit

from django.conf import settings
from django.urls import reverse

from credentials.linked_data import DID_V1, MULTIKEY_V1


def base_url():
    return settings.DLM_CREDENTIALS_BASE_URL.rstrip("/")


def absolute(path):
    return base_url() + path


def issuer_did(issuer):
    """did:web of the issuer's DID document at /credentials/issuers/<slug>/did.json (a port is
    percent-encoded, as did:web says)."""
    parts = urlsplit(base_url())
    host = quote(parts.netloc, safe="")
    path = reverse("credential_issuer_did", args=[issuer.slug]).removesuffix("/did.json")
    segments = [host, *[segment for segment in path.split("/") if segment]]
    return "did:web:" + ":".join(segments)


def verification_method(key):
    return f"{issuer_did(key.issuer)}#{key.fragment}"


def did_document(issuer):
    did = issuer_did(issuer)
    keys = list(issuer.keys.order_by("number"))
    methods = [
        {
            "id": f"{did}#{key.fragment}",
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": key.public_key_multibase,
        }
        for key in keys
    ]
    return {
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }


def status_list_url(status_list):
    return absolute(
        reverse("credential_status_list", args=[status_list.issuer.slug, status_list.number])
    )
