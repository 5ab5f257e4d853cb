"""Verifying a certificate: whatever is pasted, uploaded or linked, each check in plain words,
and what the certificate means. Only certificates of this repository's issuers can be checked:
their keys are here, and nothing is fetched from elsewhere."""

import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.utils.translation import gettext_lazy as _
from pyld.jsonld import JsonLdError

from credentials.identities import issuer_did, status_list_url
from credentials.linked_data import UnsafeDocument, check_safe
from credentials.models import CredentialIssuer, IssuedCredential, StatusList
from credentials.multibase import MultibaseError, public_key_from_multibase
from credentials.proofs import CRYPTOSUITE, signature_is_valid
from credentials.status_lists import bit_is_set

MAX_BYTES = 200_000
# Canonicalisation is costly on documents full of anonymous nodes; ours have a few dozen.
MAX_OBJECTS = 2_000
CLOCK_SKEW = timedelta(minutes=5)
# A key's number and a status list index: plain ASCII digits, and not absurdly many of them.
_NUMBER = re.compile(r"[0-9]{1,9}")

VALID, REVOKED, EXPIRED, NOT_YET_VALID, INVALID, UNKNOWN_ISSUER, MALFORMED, WITHDRAWN = (
    "valid",
    "revoked",
    "expired",
    "not_yet_valid",
    "invalid",
    "unknown_issuer",
    "malformed",
    "page_withdrawn",  # a link to a page the learner had withdrawn (credentials.lookup)
)

VERDICTS = {
    VALID: _("This certificate is authentic and valid."),
    REVOKED: _("This certificate was revoked by its issuer."),
    EXPIRED: _("This certificate has expired."),
    NOT_YET_VALID: _("This certificate is not valid yet."),
    INVALID: _("This certificate is not authentic: it was changed or not signed by its issuer."),
    UNKNOWN_ISSUER: _(
        "This certificate was not issued by a member of the alliance on this repository, so it "
        "cannot be checked here."
    ),
    MALFORMED: _("This is not a certificate this repository can read."),
    WITHDRAWN: _(
        "The public page of this certificate was withdrawn at the learner's request: it cannot "
        "be checked from its link."
    ),
}


@dataclass
class Check:
    code: str
    passed: bool
    message: str

    def as_dict(self):
        return {"check": self.code, "passed": self.passed, "message": str(self.message)}


@dataclass
class Verification:
    verdict: str = MALFORMED
    checks: list = field(default_factory=list)
    credential: dict | None = None
    record: IssuedCredential | None = None
    issuer: CredentialIssuer | None = None

    @property
    def message(self):
        return VERDICTS[self.verdict]

    @property
    def ok(self):
        return self.verdict == VALID

    @property
    def authentic(self):
        """Whether its issuer's signature was checked and holds: only then is what it says
        the issuer's word (revoked and expired certificates included)."""
        return any(check.code == "signature" and check.passed for check in self.checks)

    def add(self, code, passed, message):
        self.checks.append(Check(code, passed, message))
        return passed


class Malformed(ValueError):
    pass


def parse(text):
    """The credential in ``text`` (JSON), or ``Malformed`` saying what is wrong."""
    if len(text.encode()) > MAX_BYTES:
        raise Malformed(_("The text is too long for a certificate."))
    try:
        document = json.loads(text)
    except ValueError as error:
        raise Malformed(_("This is not JSON: %(error)s") % {"error": error}) from error
    if not isinstance(document, dict):
        raise Malformed(_("A certificate is a JSON object."))
    if _count_objects(document) > MAX_OBJECTS:
        raise Malformed(_("The text is too long for a certificate."))
    return document


def _count_objects(node):
    stack, count = [node], 0
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            count += 1
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


def _moment(value):
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _types(node):
    types = node.get("type", []) if isinstance(node, dict) else []
    return types if isinstance(types, list) else [types]


def verify(document, now=None):
    """Every check of ``document`` (a parsed credential), in order, and the verdict."""
    now = now or datetime.now(UTC)
    result = Verification(credential=document)
    if not result.add(
        "format",
        "OpenBadgeCredential" in _types(document) and "VerifiableCredential" in _types(document),
        _("It is an Open Badges 3.0 credential."),
    ):
        return result
    try:
        check_safe({key: value for key, value in document.items() if key != "proof"})
    except (UnsafeDocument, TypeError, ValueError) as error:
        result.add(
            "format", False, _("Its terms are not all defined: %(error)s") % {"error": error}
        )
        return result

    issuer_node = document.get("issuer")
    issuer_id = issuer_node.get("id") if isinstance(issuer_node, dict) else issuer_node
    issuer = _issuer_with_did(issuer_id)
    if not result.add("issuer", issuer is not None, _("Its issuer is a member of the alliance.")):
        result.verdict = UNKNOWN_ISSUER
        return result
    result.issuer = result.issuer or issuer
    result.record = IssuedCredential.objects.filter(
        issuer=issuer, uuid=_uuid(document.get("id"))
    ).first()

    proof = document.get("proof")
    key = _proof_key(issuer, proof)
    if not result.add(
        "key",
        key is not None,
        _("It was signed with a key the issuer publishes for certificates."),
    ):
        result.verdict = INVALID
        return result
    try:
        signed_as_is = signature_is_valid(document, key)
    except (UnsafeDocument, JsonLdError):
        signed_as_is = False  # too complex or not RDF: not anything this repository signed
    if not result.add(
        "signature",
        signed_as_is,
        _("Its signature matches its content: nothing was changed since it was issued."),
    ):
        result.verdict = INVALID
        return result

    valid_from, valid_until = (
        _moment(document.get("validFrom")),
        _moment(document.get("validUntil")),
    )
    if document.get("validFrom") is not None and valid_from is None:
        result.add("dates", False, _("Its dates cannot be read."))
        result.verdict = INVALID
        return result
    if valid_from is not None and not result.add(
        "valid_from", valid_from <= now + CLOCK_SKEW, _("It is valid from the date it says.")
    ):
        result.verdict = NOT_YET_VALID
        return result
    if "validUntil" in document:
        if not result.add(
            "expiry",
            valid_until is not None and now - CLOCK_SKEW < valid_until,
            _("It has not expired."),
        ):
            result.verdict = EXPIRED
            return result
    else:
        result.add("expiry", True, _("It does not expire."))

    revoked = _revoked(issuer, document.get("credentialStatus"))
    if revoked is None:
        result.add("status", False, _("Its revocation status could not be checked."))
        result.verdict = INVALID
        return result
    if not result.add("status", not revoked, _("Its issuer has not revoked it.")):
        result.verdict = REVOKED
        return result
    result.verdict = VALID
    return result


def _uuid(credential_id):
    if isinstance(credential_id, str) and credential_id.startswith("urn:uuid:"):
        value = credential_id.removeprefix("urn:uuid:")
        if len(value) == 36:
            try:
                return uuid.UUID(value)
            except ValueError:  # 36 characters, not a UUID: the database would refuse it
                return None
    return None


def _issuer_with_did(did):
    if not isinstance(did, str) or not did.startswith("did:web:"):
        return None
    slug = did.rsplit(":", 1)[-1]
    issuer = CredentialIssuer.objects.filter(slug=slug).first()
    return issuer if issuer is not None and issuer_did(issuer) == did else None


def _proof_key(issuer, proof):
    """The public key named by a well-formed eddsa-rdfc-2022 assertion proof, if it is one of
    the issuer's."""
    if not isinstance(proof, dict):
        return None
    if (
        proof.get("type") != "DataIntegrityProof"
        or proof.get("cryptosuite") != CRYPTOSUITE
        or proof.get("proofPurpose") != "assertionMethod"
    ):
        return None
    method = proof.get("verificationMethod")
    did = issuer_did(issuer)
    if not isinstance(method, str) or not method.startswith(did + "#key-"):
        return None
    number = method.removeprefix(did + "#key-")
    if not _NUMBER.fullmatch(number):  # str.isdigit() takes "²", which int() refuses
        return None
    key = issuer.keys.filter(number=int(number)).first()
    if key is None:
        return None
    try:
        return public_key_from_multibase(key.public_key_multibase)
    except MultibaseError:
        return None


def _revoked(issuer, status):
    """Whether the status entry's bit is set in the issuer's signed list (None: unreadable)."""
    if not isinstance(status, dict) or status.get("statusPurpose") != "revocation":
        return None
    index = status.get("statusListIndex")
    if not isinstance(index, str) or not _NUMBER.fullmatch(index):
        return None
    for status_list in StatusList.objects.filter(issuer=issuer).select_related("issuer"):
        if status_list_url(status_list) != status.get("statusListCredential"):
            continue
        signed = status_list.signed
        if signed is None:
            # Never signed: revoking signs the list in the same transaction, so nothing on it
            # was revoked (and verifying needs no private key to sign it now).
            return False
        key = _proof_key(issuer, signed.get("proof"))
        if key is None or not signature_is_valid(signed, key):
            return None
        try:
            return bit_is_set(signed["credentialSubject"]["encodedList"], int(index))
        except (IndexError, KeyError, OSError, MultibaseError):
            return None
    return None
