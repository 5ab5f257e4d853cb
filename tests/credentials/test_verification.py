"""Verification says what it checked and why it refuses: a changed, expired, not yet valid,
foreign or crafted certificate never reads as valid, and a crafted one cannot tie the server up."""

import copy
from datetime import UTC, date, datetime, timedelta

import pytest

from credentials.issuing import Learner, issue
from credentials.keys import private_key, signing_key
from credentials.proofs import sign
from credentials.verification import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def credential(certification, issuer_user):
    learner = Learner(name="Noy Phommachanh", achieved_on=date(2026, 10, 1), language="en")
    return issue(certification, learner, issuer_user)


def resigned(credential, **changes):
    """The credential with ``changes``, signed again with its issuer's real key."""
    document = {k: v for k, v in copy.deepcopy(credential.signed).items() if k != "proof"}
    document.update(changes)
    key = signing_key(credential.issuer)
    return sign(document, private_key(key), credential.signed["proof"]["verificationMethod"])


def checks(result):
    return {check.code: check.passed for check in result.checks}


def test_a_valid_certificate_lists_every_check_passed(credential):
    result = verify(credential.signed)

    assert result.verdict == "valid"
    assert checks(result) == {
        "format": True,
        "issuer": True,
        "key": True,
        "signature": True,
        "valid_from": True,
        "expiry": True,
        "status": True,
    }
    assert result.record == credential


def test_expired_and_not_yet_valid_certificates_say_so(credential):
    now = datetime.now(UTC)

    expired = resigned(
        credential, validUntil=(now - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    future = resigned(
        credential, validFrom=(now + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%SZ")
    )

    assert verify(expired).verdict == "expired"
    assert verify(future).verdict == "not_yet_valid"


def test_a_proof_for_another_purpose_or_an_unknown_key_is_not_accepted(credential):
    other_purpose = copy.deepcopy(credential.signed)
    other_purpose["proof"]["proofPurpose"] = "authentication"
    unknown_key = copy.deepcopy(credential.signed)
    unknown_key["proof"]["verificationMethod"] = unknown_key["proof"]["verificationMethod"].replace(
        "#key-1", "#key-9"
    )

    for document in (other_purpose, unknown_key):
        result = verify(document)
        assert result.verdict == "invalid"
        assert checks(result)["key"] is False


def test_a_certificate_of_an_issuer_elsewhere_cannot_be_checked_here(credential):
    foreign = copy.deepcopy(credential.signed)
    foreign["issuer"]["id"] = "did:web:badges.example.edu"

    assert verify(foreign).verdict == "unknown_issuer"


def test_an_undefined_term_is_refused_before_any_signature_is_checked(credential):
    padded = copy.deepcopy(credential.signed)
    padded["credentialSubject"]["grade"] = "A+"  # not in any context: a signature cannot cover it

    result = verify(padded)

    assert result.verdict == "malformed"
    assert "signature" not in checks(result)


def test_a_crafted_graph_of_look_alike_nodes_is_refused_quickly(credential):
    crafted = copy.deepcopy(credential.signed)
    # Twelve anonymous identifiers that look alike, each pointing at all the others: a
    # canonicaliser without a bound would try 12! orderings.
    crafted["credentialSubject"]["identifier"] = [
        {
            "id": f"_:n{i}",
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": "x",
            "salt": [{"id": f"_:n{j}"} for j in range(12) if j != i],
        }
        for i in range(12)
    ]

    started = datetime.now(UTC)
    result = verify(crafted)

    assert result.verdict == "invalid"
    assert checks(result)["signature"] is False
    assert datetime.now(UTC) - started < timedelta(seconds=20)
