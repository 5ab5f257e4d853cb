"""An institution's issuer signs an Open Badges 3.0 credential that says what the certification
is, in every language it has, and it verifies here until it is tampered with or revoked."""

import copy
from datetime import date

import pytest

from credentials.issuing import Learner, issue, revoke
from credentials.verification import verify

pytestmark = pytest.mark.django_db


def test_issued_credential_verifies_and_names_the_certification_in_each_language(
    catalogue, issuer_user
):
    credential = issue(
        catalogue["ev_certification"],
        Learner(
            name="Somphone Vongsa",
            achieved_on=date(2026, 11, 20),
            language="lo",
            identifier="somphone@example.la",
            result="Distinction",
        ),
        issuer_user,
    )
    signed = credential.signed
    achievement = signed["credentialSubject"]["achievement"]
    print(achievement)
    assert achievement["name"] == achievement["nameMap"]["lo"]
    assert verify(signed).verdict == "valid"

    tampered = copy.deepcopy(signed)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    assert verify(tampered).verdict == "invalid"

    revoke(credential, issuer_user, "Assessment irregularity")
    assert verify(signed).verdict == "revoked"
