"""Issuers' Ed25519 keys: made, encrypted at rest and rotated.

A key's seed is kept encrypted with AES-GCM under a key derived from DLM_CREDENTIAL_KEY_SECRET
(required in production; development and tests derive one from their throwaway SECRET_KEY), so a
copy of the database alone signs nothing.
"""

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from credentials.models import IssuerKey
from credentials.multibase import public_key_multibase


class KeyUnavailable(ImproperlyConfigured):
    """An issuer's key does not open with this site's DLM_CREDENTIAL_KEY_SECRET."""


def _wrapping_key():
    secret = settings.DLM_CREDENTIAL_KEY_SECRET
    if not secret:
        raise ImproperlyConfigured("Set DLM_CREDENTIAL_KEY_SECRET to sign certificates.")
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"digital-lm issuer keys"
    ).derive(secret.encode())


def _associated_data(issuer, number):
    # Binds each ciphertext to its row: a seed copied onto another issuer's key fails to open.
    return f"{issuer.institution_key}#key-{number}".encode()


def create_key(issuer):
    """A new signing key for ``issuer``; the key it had before is retired (kept for verifying)."""
    private_key = Ed25519PrivateKey.generate()
    seed = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    with transaction.atomic():
        previous = list(issuer.keys.select_for_update().filter(retired_at__isnull=True))
        number = 1 + max((key.number for key in issuer.keys.all()), default=0)
        nonce = os.urandom(12)
        sealed = AESGCM(_wrapping_key()).encrypt(nonce, seed, _associated_data(issuer, number))
        key = IssuerKey.objects.create(
            issuer=issuer,
            number=number,
            public_key_multibase=public_key_multibase(private_key.public_key()),
            encrypted_seed=nonce + sealed,
        )
        IssuerKey.objects.filter(pk__in=[old.pk for old in previous]).update(
            retired_at=timezone.now()
        )
    return key


def signing_key(issuer):
    """The issuer's current key row (made on first use)."""
    key = issuer.keys.filter(retired_at__isnull=True).order_by("-number").first()
    return key or create_key(issuer)


def private_key(key):
    """The Ed25519 private key of ``key``; raises ``KeyUnavailable`` (an ImproperlyConfigured)
    when DLM_CREDENTIAL_KEY_SECRET is not the secret it was sealed with (or it was altered).
    Only signing needs it: verifying reads the public keys."""
    data = bytes(key.encrypted_seed)
    try:
        seed = AESGCM(_wrapping_key()).decrypt(
            data[:12], data[12:], _associated_data(key.issuer, key.number)
        )
    except InvalidTag as error:
        raise KeyUnavailable(
            f"The signing key {key} cannot be opened: DLM_CREDENTIAL_KEY_SECRET is not the "
            "secret it was encrypted with (or the key was altered). Restore the secret the site "
            "used when the key was made; with a new secret, rotate the issuer's key "
            "(manage.py rotate_issuer_key)."
        ) from error
    return Ed25519PrivateKey.from_private_bytes(seed)
