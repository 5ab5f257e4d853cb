"""Issuers' keys: rotated by a command, with what the old key signed still verifying and both
keys in the issuer's DID document; kept encrypted, so that the database alone (or the site with
another DLM_CREDENTIAL_KEY_SECRET) signs nothing, while verifying still works."""

import io
from datetime import date

import pytest
from cryptography.hazmat.primitives import serialization
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command

from credentials.issuers import issuer_for
from credentials.issuing import Learner, issue, revoke
from credentials.keys import private_key, signing_key
from credentials.models import IssuerKey
from credentials.verification import verify

pytestmark = pytest.mark.django_db


@pytest.fixture
def issuer(certification):
    return issuer_for(certification.institution)


def issued(certification, user, name="Somphone Vongsa"):
    return issue(
        certification, Learner(name=name, achieved_on=date(2026, 1, 15), language="lo"), user
    )


def method_of(credential):
    return credential.signed["proof"]["verificationMethod"]


def test_a_certificate_signed_before_rotation_still_verifies_and_the_next_uses_the_new_key(
    certification, issuer, issuer_user, client
):
    before = issued(certification, issuer_user, "Before Rotation")
    number = signing_key(issuer).number
    assert method_of(before).endswith(f"#key-{number}")

    out = io.StringIO()
    call_command("rotate_issuer_key", issuer.slug, stdout=out)
    assert f"{issuer.slug}: now signs with key-{number + 1}" in out.getvalue()

    after = issued(certification, issuer_user, "After Rotation")
    assert method_of(after).endswith(f"#key-{number + 1}")
    assert verify(before.signed).verdict == "valid"
    assert verify(after.signed).verdict == "valid"
    # Revoking after the rotation signs the status list with the new key: both still read it.
    revoke(before, issuer_user, "Issued to the wrong learner")
    assert verify(before.signed).verdict == "revoked"
    assert verify(after.signed).verdict == "valid"

    response = client.get(f"/credentials/issuers/{issuer.slug}/did.json")
    assert response.status_code == 200
    document = response.json()
    methods = [method["id"] for method in document["verificationMethod"]]
    assert method_of(before) in methods and method_of(after) in methods
    assert document["assertionMethod"] == methods
    assert len({method["publicKeyMultibase"] for method in document["verificationMethod"]}) == 2


def test_rotate_every_issuer_or_name_one(issuer, catalogue):
    others = issuer_for(catalogue["welding_certification"].institution)
    out = io.StringIO()
    call_command("rotate_issuer_key", "--all", stdout=out)
    assert f"{issuer.slug}: now signs with key-1" in out.getvalue()
    assert f"{others.slug}: now signs with key-1" in out.getvalue()
    assert IssuerKey.objects.filter(issuer=issuer, retired_at__isnull=True).count() == 1

    with pytest.raises(CommandError, match="slug"):
        call_command("rotate_issuer_key", stdout=io.StringIO())
    with pytest.raises(CommandError, match="No issuer has the slug"):
        call_command("rotate_issuer_key", "no-such-college", stdout=io.StringIO())


def test_the_database_keeps_the_seed_encrypted(issuer):
    key = signing_key(issuer)
    seed = private_key(key).private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    stored = bytes(IssuerKey.objects.get(pk=key.pk).encrypted_seed)

    assert len(seed) == 32
    assert seed not in stored
    assert len(stored) == 12 + 32 + 16  # nonce, sealed seed, AES-GCM tag


def test_with_another_secret_issuing_says_why_and_the_public_pages_still_verify(
    certification, issuer, issuer_user, client, settings
):
    kept = issued(certification, issuer_user, "Made With The First Secret")
    revoked = issued(certification, issuer_user, "Revoked With The First Secret")
    revoke(revoked, issuer_user, "Assessment irregularity")

    settings.DLM_CREDENTIAL_KEY_SECRET = "another-secret-than-the-keys-were-made-with"
    with pytest.raises(ImproperlyConfigured, match="DLM_CREDENTIAL_KEY_SECRET"):
        issued(certification, issuer_user, "Never Signed")
    with pytest.raises(ImproperlyConfigured, match="cannot be opened"):
        private_key(signing_key(issuer))

    # Verification reads public keys only: every public page answers as before.
    page = client.get(f"/en/credentials/{kept.public_token}/")
    assert page.status_code == 200
    assert 'data-verdict="valid"' in page.content.decode()
    assert client.get(f"/credentials/{kept.public_token}.json").status_code == 200
    assert client.get(f"/credentials/{kept.public_token}/qr.svg").status_code == 200
    for credential, verdict in ((kept, "valid"), (revoked, "revoked")):
        answer = client.post(
            "/api/credentials/verify", credential.signed, content_type="application/json"
        )
        assert answer.status_code == 200
        assert answer.json()["verdict"] == verdict
    assert client.get(f"/credentials/issuers/{issuer.slug}/did.json").status_code == 200
    status_list = client.get(revoked.signed["credentialStatus"]["statusListCredential"])
    assert status_list.status_code == 200


def test_a_status_list_that_cannot_be_signed_answers_plainly(
    certification, issuer, issuer_user, client, settings
):
    credential = issued(certification, issuer_user)  # its list is signed on first request
    settings.DLM_CREDENTIAL_KEY_SECRET = "another-secret-than-the-keys-were-made-with"

    response = client.get(credential.signed["credentialStatus"]["statusListCredential"])
    assert response.status_code == 503
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "no-store" in response["Cache-Control"]
    # Verifying needs no signed list for a list nothing on which was revoked.
    assert verify(credential.signed).verdict == "valid"


def test_without_a_secret_nothing_is_signed(certification, issuer_user, settings):
    settings.DLM_CREDENTIAL_KEY_SECRET = ""
    with pytest.raises(ImproperlyConfigured, match="Set DLM_CREDENTIAL_KEY_SECRET"):
        issued(certification, issuer_user)
