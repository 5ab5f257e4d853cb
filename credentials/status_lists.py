"""Revocation through W3C Bitstring Status Lists: each credential holds a random index of one of
its issuer's lists (random, so that neighbouring indexes tell nothing); revoking sets that bit and
signs the list again, so the next verification sees it."""

import gzip
import secrets

from django.db import transaction
from django.utils import timezone

from credentials.identities import issuer_did, status_list_url, verification_method
from credentials.keys import private_key, signing_key
from credentials.linked_data import VC_V2
from credentials.models import STATUS_LIST_BITS, IssuedCredential, StatusList
from credentials.multibase import base64url, from_base64url
from credentials.proofs import sign, xsd_datetime

# A list is left for a new one when this full, so that finding a free index stays quick.
_FULL = STATUS_LIST_BITS // 2


def allocate_index(issuer):
    """(status list, free index) for a new credential; call inside the issuing transaction."""
    status_list = issuer.lists.select_for_update().order_by("-number").first()
    if status_list is None:
        status_list = StatusList.objects.create(issuer=issuer, number=1)
    if IssuedCredential.objects.filter(status_list=status_list).count() >= _FULL:
        status_list = StatusList.objects.create(issuer=issuer, number=status_list.number + 1)
    # At most half full: two tries on average, each one indexed lookup.
    while True:
        index = secrets.randbelow(STATUS_LIST_BITS)
        if not IssuedCredential.objects.filter(
            status_list=status_list, status_index=index
        ).exists():
            return status_list, index


def encode(indexes):
    """The gzip-compressed, base64url multibase bitstring with these bits set (bit 0 is the most
    significant bit of the first byte)."""
    bits = bytearray(STATUS_LIST_BITS // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return base64url(gzip.compress(bytes(bits), mtime=0))


def bit_is_set(encoded_list, index):
    data = gzip.decompress(from_base64url(encoded_list))
    if not 0 <= index < len(data) * 8:
        raise IndexError(index)
    return bool(data[index // 8] & (0x80 >> (index % 8)))


def sign_list(status_list):
    """Sign the list as it stands now and keep it."""
    revoked = IssuedCredential.objects.filter(
        status_list=status_list, revoked_at__isnull=False
    ).values_list("status_index", flat=True)
    issuer = status_list.issuer
    url = status_list_url(status_list)
    key = signing_key(issuer)
    document = {
        "@context": [VC_V2],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(issuer),
        "validFrom": xsd_datetime(),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }
    status_list.signed = sign(document, private_key(key), verification_method(key))
    status_list.signed_at = timezone.now()
    status_list.save(update_fields=["signed", "signed_at"])
    return status_list.signed


def published(status_list):
    """The signed list, signed now if it never was."""
    if status_list.signed is None:
        with transaction.atomic():
            return sign_list(status_list)
    return status_list.signed


def entry(status_list, index):
    url = status_list_url(status_list)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }
