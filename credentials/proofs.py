"""Data Integrity proofs with the eddsa-rdfc-2022 cryptosuite (W3C vc-di-eddsa §3.2): the hash of
the canonical proof configuration, then of the canonical document, signed with Ed25519."""

import hashlib
from datetime import UTC, datetime

from cryptography.exceptions import InvalidSignature

from credentials.linked_data import canonical_nquads, check_safe
from credentials.multibase import MultibaseError, base58btc, from_base58btc

CRYPTOSUITE = "eddsa-rdfc-2022"


def xsd_datetime(moment=None):
    """xsd:dateTimeStamp to the second, in UTC with "Z": what VCDM 2.0 dates are."""
    moment = moment or datetime.now(UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _hash_data(proof_config, unsecured):
    return (
        hashlib.sha256(canonical_nquads(proof_config).encode()).digest()
        + hashlib.sha256(canonical_nquads(unsecured).encode()).digest()
    )


def sign(document, private_key, verification_method, created=None):
    """The document with a proof; raises ``UnsafeDocument`` when a term would go unsigned."""
    unsecured = {key: value for key, value in document.items() if key != "proof"}
    check_safe(unsecured)
    proof = {
        "type": "DataIntegrityProof",
        "cryptosuite": CRYPTOSUITE,
        "created": created or xsd_datetime(),
        "verificationMethod": verification_method,
        "proofPurpose": "assertionMethod",
    }
    signature = private_key.sign(
        _hash_data({"@context": unsecured["@context"], **proof}, unsecured)
    )
    return {**unsecured, "proof": {**proof, "proofValue": base58btc(signature)}}


def signature_is_valid(secured, public_key):
    """Whether ``secured``'s single eddsa-rdfc-2022 proof was made by ``public_key``'s key
    over exactly this document. The caller checks the proof's method and purpose."""
    proof = dict(secured.get("proof") or {})
    try:
        signature = from_base58btc(proof.pop("proofValue", None))
    except MultibaseError:
        return False
    unsecured = {key: value for key, value in secured.items() if key != "proof"}
    try:
        public_key.verify(
            signature, _hash_data({"@context": unsecured.get("@context"), **proof}, unsecured)
        )
    except InvalidSignature:
        return False
    return True
