"""Multibase and Multikey encodings used by Data Integrity proofs and DID documents: base58btc
('z…') and base64url without padding ('u…'). Written here: a few lines, no library needed."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: i for i, char in enumerate(_ALPHABET)}
ED25519_PUBLIC_HEADER = b"\xed\x01"  # multicodec ed25519-pub, as a varint


class MultibaseError(ValueError):
    pass


def base58btc(data):
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _ALPHABET[remainder] + encoded
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "z" + "1" * zeros + encoded


def from_base58btc(text):
    if not isinstance(text, str) or not text.startswith("z"):
        raise MultibaseError("expected a base58btc multibase value ('z…')")
    body = text[1:]
    number = 0
    for char in body:
        if char not in _INDEX:
            raise MultibaseError(f"{char!r} is not a base58 character")
        number = number * 58 + _INDEX[char]
    zeros = len(body) - len(body.lstrip("1"))
    raw = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + raw


def base64url(data):
    return "u" + base64.urlsafe_b64encode(data).decode().rstrip("=")


def from_base64url(text):
    if not isinstance(text, str) or not text.startswith("u"):
        raise MultibaseError("expected a base64url multibase value ('u…')")
    body = text[1:]
    try:
        return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
    except ValueError as error:
        raise MultibaseError("not base64url") from error


def public_key_multibase(public_key):
    raw = public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return base58btc(ED25519_PUBLIC_HEADER + raw)


def public_key_from_multibase(text):
    data = from_base58btc(text)
    if data[:2] != ED25519_PUBLIC_HEADER or len(data) != 34:
        raise MultibaseError("not an Ed25519 Multikey")
    return Ed25519PublicKey.from_public_bytes(data[2:])
