"""Signatures as the W3C specifies them (the eddsa-rdfc-2022 test vector of vc-di-eddsa gives the
very same proof), and nothing signed that a verifier would read differently: no undefined term or
type, and no context but the pinned ones."""

import copy

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pyld import jsonld

from credentials.linked_data import VC_V2, UnsafeDocument, document_loader, pinned_contexts
from credentials.multibase import from_base58btc, public_key_multibase
from credentials.proofs import sign, signature_is_valid

# W3C Data Integrity EdDSA Cryptosuites v1.0, appendix A.1 (eddsa-rdfc-2022).
EXAMPLES_V2 = "https://www.w3.org/ns/credentials/examples/v2"
VECTOR_SECRET_KEY = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
VECTOR_PUBLIC_KEY = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_CREDENTIAL = {
    "@context": [VC_V2, EXAMPLES_V2],
    "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
    "type": ["VerifiableCredential", "AlumniCredential"],
    "name": "Alumni Credential",
    "description": "A minimum viable example of an Alumni Credential.",
    "issuer": "https://vc.example/issuers/5678",
    "validFrom": "2023-01-01T00:00:00Z",
    "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"},
}
VECTOR_METHOD = f"https://vc.example/issuers/5678#{VECTOR_PUBLIC_KEY}"
VECTOR_CREATED = "2023-02-24T23:36:38Z"
VECTOR_PROOF_VALUE = (
    "z21EVs3eXERqTn4acNHT9viboqgzUaQ3kTmhPT3eA8qrVPE7CrQq78WkzctnMX5W4CrzcKnHw8V6dvy5pgWYCU5e9"
)


@pytest.fixture
def examples_context(monkeypatch):
    """The W3C examples context, pinned for this test only (credentials never use it)."""
    monkeypatch.setitem(
        pinned_contexts(),
        EXAMPLES_V2,
        {"@context": {"@vocab": "https://www.w3.org/ns/credentials/examples#"}},
    )


@pytest.fixture
def vector_key():
    secret = from_base58btc(VECTOR_SECRET_KEY)
    assert secret[:2] == b"\x80\x26"  # multicodec ed25519-priv
    return Ed25519PrivateKey.from_private_bytes(secret[2:])


def test_signing_the_w3c_test_vector_gives_its_published_proof(examples_context, vector_key):
    assert public_key_multibase(vector_key.public_key()) == VECTOR_PUBLIC_KEY

    signed = sign(VECTOR_CREDENTIAL, vector_key, VECTOR_METHOD, created=VECTOR_CREATED)

    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-rdfc-2022",
        "created": VECTOR_CREATED,
        "verificationMethod": VECTOR_METHOD,
        "proofPurpose": "assertionMethod",
        "proofValue": VECTOR_PROOF_VALUE,
    }
    assert signature_is_valid(signed, vector_key.public_key())
    changed = copy.deepcopy(signed)
    changed["credentialSubject"]["alumniOf"] = "The School of Counterfeits"
    assert not signature_is_valid(changed, vector_key.public_key())


def _credential(**extra):
    return {
        "@context": [VC_V2],
        "id": "urn:uuid:2f7f64c2-0d6f-4a4f-9a55-7d1f0c1d3e21",
        "type": ["VerifiableCredential"],
        "issuer": "did:web:repository.example",
        "validFrom": "2026-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Somphone"},
        **extra,
    }


def test_a_term_the_context_does_not_define_is_refused_rather_than_left_unsigned():
    document = _credential()
    document["credentialSubject"]["grade"] = "A"  # not in the VC 2.0 context

    with pytest.raises(UnsafeDocument, match="grade"):
        sign(document, Ed25519PrivateKey.generate(), "did:web:repository.example#key-1")


def test_a_type_the_context_does_not_define_is_refused():
    document = _credential(type=["VerifiableCredential", "DiplomaCredential"])

    with pytest.raises(UnsafeDocument, match="DiplomaCredential"):
        sign(document, Ed25519PrivateKey.generate(), "did:web:repository.example#key-1")


def test_a_context_that_is_not_pinned_is_never_loaded():
    unpinned = "https://contexts.example/credentials/v1"

    with pytest.raises(jsonld.JsonLdError, match="Only the pinned contexts"):
        document_loader(unpinned)
    with pytest.raises(UnsafeDocument, match="not valid JSON-LD"):
        sign(
            _credential(**{"@context": [VC_V2, unpinned]}),
            Ed25519PrivateKey.generate(),
            "did:web:repository.example#key-1",
        )
