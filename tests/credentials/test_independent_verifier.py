"""What any Open Badges 3.0 verifier concludes about the repository's certificates: Digital
Bazaar's Verifiable Credentials libraries (tests/credentials/verifier/verify.mjs, on Node), given
only the issuer's published DID document and status lists, accept a certificate as issued, after
its issuer rotated keys and in every script the alliance writes; they refuse one that was changed,
forged with another key or has expired, and see a revocation."""

import copy
import json
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone

from credentials.identities import did_document, issuer_did, status_list_url, verification_method
from credentials.issuing import Learner, issue, revoke
from credentials.keys import create_key, private_key, signing_key
from credentials.proofs import sign, xsd_datetime
from credentials.status_lists import published
from credentials.verification import verify
from tests.helpers import IN_CI

pytestmark = pytest.mark.django_db

VERIFIER = Path(__file__).parent / "verifier" / "verify.mjs"
REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def node():
    path = shutil.which("node")
    if path is None:
        reason = (
            "node is not on PATH: the independent verifier runs on Node.js "
            "(install it, then `npm ci` or scripts/bootstrap.sh --dev)"
        )
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture
def certify(catalogue, issuer_user):
    """Issue the EV certification to a learner, as an issuer of its institution does."""

    def certify(name="Somphone Vongsa", achieved_on=None, **learner):
        learner = {"language": "lo", "identifier": "somphone@example.la", **learner}
        achieved_on = achieved_on or timezone.localdate() - timedelta(days=30)
        return issue(
            catalogue["ev_certification"],
            Learner(name=name, achieved_on=achieved_on, **learner),
            issuer_user,
        )

    return certify


def published_documents(issuer):
    """What the issuer publishes: its DID document and its signed status lists."""
    documents = {issuer_did(issuer): did_document(issuer)}
    for status_list in issuer.lists.all():
        documents[status_list_url(status_list)] = published(status_list)
    return documents


def run_verifier(node, credential, documents):
    completed = subprocess.run(  # noqa: S603 — node and the verifier script, fixed
        [node, str(VERIFIER)],
        input=json.dumps({"credential": credential, "documents": documents}),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPOSITORY,
    )
    assert completed.returncode == 0, f"verify.mjs failed to run:\n{completed.stderr}"
    lines = completed.stdout.splitlines()
    assert len(lines) == 1, completed.stdout
    return json.loads(lines[0])


def verdict(node, credential):
    issuer = credential.issuer
    return run_verifier(node, credential.signed, published_documents(issuer))


def test_a_certificate_as_issued_verifies_and_is_not_revoked(node, certify):
    credential = certify()

    result = verdict(node, credential)

    assert result == {"verified": True, "revoked": False, "errors": []}


def test_the_published_status_list_verifies(node, certify):
    issuer = certify().issuer
    documents = published_documents(issuer)
    status_list = issuer.lists.get()

    result = run_verifier(node, published(status_list), documents)

    assert result == {"verified": True, "revoked": False, "errors": []}


def _rename_learner(document):
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"


def _rename_achievement(document):
    document["credentialSubject"]["achievement"]["name"] = "Master Electrician"


@pytest.mark.parametrize("tamper", [_rename_learner, _rename_achievement])
def test_a_changed_certificate_is_refused(node, certify, tamper):
    credential = certify()
    tampered = copy.deepcopy(credential.signed)
    tamper(tampered)

    result = run_verifier(node, tampered, published_documents(credential.issuer))

    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]


def test_a_certificate_signed_with_another_key_in_the_issuers_name_is_refused(node, certify):
    credential = certify()
    unsecured = {name: value for name, value in credential.signed.items() if name != "proof"}
    method = verification_method(signing_key(credential.issuer))
    forged = sign(unsecured, Ed25519PrivateKey.generate(), method)
    assert forged["proof"]["verificationMethod"] == credential.signed["proof"]["verificationMethod"]

    result = run_verifier(node, forged, published_documents(credential.issuer))

    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]


def test_an_expired_certificate_is_refused(node, catalogue, certify, monkeypatch):
    monkeypatch.setattr(catalogue["ev_certification"], "validity_years", 1)
    today = timezone.localdate()
    credential = certify(achieved_on=today.replace(year=today.year - 3, day=1))
    assert credential.signed["validUntil"] < credential.signed["awardedDate"]

    result = verdict(node, credential)

    assert result["verified"] is False
    assert any('is after "validUntil"' in error for error in result["errors"]), result


def test_an_expired_copy_re_signed_with_the_issuers_key_is_refused(node, certify):
    # The signature is good: only the dates make it fail.
    credential = certify()
    issuer = credential.issuer
    key = signing_key(issuer)
    expired = {name: value for name, value in credential.signed.items() if name != "proof"}
    expired["validUntil"] = xsd_datetime(timezone.now() - timedelta(days=1))
    resigned = sign(expired, private_key(key), verification_method(key))
    result = run_verifier(node, resigned, published_documents(issuer))
    assert result["verified"] is False
    assert any('is after "validUntil"' in error for error in result["errors"]), result

    expired["validUntil"] = xsd_datetime(timezone.now() + timedelta(days=365))
    still_valid = sign(expired, private_key(key), verification_method(key))
    assert run_verifier(node, still_valid, published_documents(issuer))["verified"] is True


def test_a_revoked_certificate_is_reported_revoked(node, certify, issuer_user):
    credential = certify()
    other = certify(name="Bounmy Keoprasith")
    revoke(credential, issuer_user, "Assessment irregularity")

    result = verdict(node, credential)

    assert result["revoked"] is True
    assert result["verified"] is False
    index = credential.signed["credentialStatus"]["statusListIndex"]
    assert any(f"bit {index} " in error for error in result["errors"]), result
    # The same list, signed again, still clears the certificates nobody revoked.
    assert verdict(node, other) == {"verified": True, "revoked": False, "errors": []}


def test_certificates_signed_before_a_key_rotation_still_verify(node, certify):
    before = certify()
    issuer = before.issuer
    create_key(issuer)
    after = certify(name="Bounmy Keoprasith")

    assert before.signed["proof"]["verificationMethod"].endswith("#key-1")
    assert after.signed["proof"]["verificationMethod"].endswith("#key-2")
    documents = published_documents(issuer)
    for credential in (before, after):
        result = run_verifier(node, credential.signed, documents)
        assert result == {"verified": True, "revoked": False, "errors": []}


# Every script the alliance writes, with the characters RDFC-1.0 escapes in N-Quads (which
# the Python side's canonical form must escape exactly as rdf-canonize does).
NAMES = {
    "controls": 'Somphone\tVongsa\n\r\b\f\x01\x1f\x7f "quoted" back\\slash',
    "thai": "สมชาย ใจดี",
    "lao": "ສົມພອນ ວົງສາ",
    "khmer": "សុខ សំណាង",
    "burmese": "အောင် ကျော်",
    "chinese": "李小龙",
}


@pytest.mark.parametrize("script", NAMES)
def test_names_in_every_script_and_with_control_characters_verify(node, certify, script):
    name = NAMES[script]
    credential = certify(name=name, result=f"{name} — ດີເລີດ 优秀")
    assert credential.signed["credentialSubject"]["identifier"][0]["identityHash"] == name

    assert verdict(node, credential) == {"verified": True, "revoked": False, "errors": []}
    assert verify(credential.signed).verdict == "valid"
