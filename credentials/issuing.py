"""Issuing, revoking and withdrawing certificates: each change signed, kept and audited."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from credentials.achievements import LANGUAGE_MAPS, NotIssuable, achievement
from credentials.identities import issuer_did, verification_method
from credentials.issuers import issuer_for, may_issue
from credentials.keys import private_key, signing_key
from credentials.linked_data import OB_V3, VC_V2
from credentials.models import IssuedCredential
from credentials.proofs import sign, xsd_datetime
from credentials.status_lists import allocate_index, entry, sign_list
from resources.localization import in_language


@dataclass
class Learner:
    name: str
    achieved_on: date
    language: str
    identifier: str = ""
    result: str = ""

    @property
    def email(self):
        return self.identifier.strip() if "@" in self.identifier else ""


def identity_type(identifier):
    return "emailAddress" if "@" in identifier else "nationalIdentityNumber"


def hashed_identity(identifier, salt):
    """OB 3.0's hashed identity: "sha256$" and the hex SHA-256 of the identifier and salt."""
    normalised = identifier.strip()
    if "@" in normalised:
        normalised = normalised.lower()
    return "sha256$" + hashlib.sha256((normalised + salt).encode()).hexdigest()


def valid_until(certification, achieved_on):
    years = certification.validity_years
    if not years:
        return None
    try:
        end = achieved_on.replace(year=achieved_on.year + years)
    except ValueError:  # 29 February
        end = achieved_on.replace(year=achieved_on.year + years, day=28)
    return datetime.combine(end, time(), tzinfo=UTC)


def issuer_profile(issuer, institution, language):
    names = in_language(
        institution.get_translations(inclusive=True).values_list(
            "translation_key", "name", "locale__language_code"
        ),
        language,
    )
    profile = {
        "id": issuer_did(issuer),
        "type": ["Profile"],
        "name": names.get(institution.translation_key, institution.name),
    }
    if institution.website:
        profile["url"] = institution.website
    return profile


def credential_document(issuer, certification, learner, status_list, index, credential_id):
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "name",
                "hashed": False,
                "identityHash": learner.name,
            }
        ],
        "achievement": achievement(certification, learner.language),
    }
    salt = secrets.token_hex(8)
    if learner.identifier.strip():
        subject["identifier"].append(
            {
                "type": "IdentityObject",
                "identityType": identity_type(learner.identifier),
                "hashed": True,
                "identityHash": hashed_identity(learner.identifier, salt),
                "salt": salt,
            }
        )
    if learner.result.strip():
        subject["result"] = [{"type": ["Result"], "value": learner.result.strip()}]
    achieved = datetime.combine(learner.achieved_on, time(), tzinfo=UTC)
    document = {
        "@context": [VC_V2, OB_V3, LANGUAGE_MAPS],
        "id": f"urn:uuid:{credential_id}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": subject["achievement"]["name"],
        "issuer": issuer_profile(issuer, certification.institution, learner.language),
        "validFrom": xsd_datetime(achieved),
        "awardedDate": xsd_datetime(),
        "credentialSubject": subject,
        "credentialStatus": entry(status_list, index),
    }
    expiry = valid_until(certification, learner.achieved_on)
    if expiry is not None:
        document["validUntil"] = xsd_datetime(expiry)
    return document


def issue(certification, learner, user):
    """Sign and keep a certificate of ``certification`` for ``learner``; raises
    ``PermissionDenied`` or ``NotIssuable`` (with the reason in words)."""
    if certification.institution is None:
        raise NotIssuable(_("The certification names no awarding institution."))
    issuer = issuer_for(certification.institution)
    if not may_issue(user, issuer):
        raise PermissionDenied(_("You may not issue this institution's certificates."))
    if learner.achieved_on > timezone.localdate():
        raise NotIssuable(_("The date of achievement is in the future."))
    with transaction.atomic():
        status_list, index = allocate_index(issuer)
        credential_id = uuid.uuid4()
        document = credential_document(
            issuer, certification, learner, status_list, index, credential_id
        )
        key = signing_key(issuer)
        signed = sign(document, private_key(key), verification_method(key))
        identifiers = signed["credentialSubject"]["identifier"]
        credential = IssuedCredential.objects.create(
            uuid=credential_id,
            issuer=issuer,
            certification=certification,
            certification_key=certification.translation_key,
            learner_name=learner.name,
            identifier_type=identity_type(learner.identifier) if len(identifiers) > 1 else "",
            identifier_hash=identifiers[1]["identityHash"] if len(identifiers) > 1 else "",
            achieved_on=learner.achieved_on,
            result=learner.result.strip(),
            language=learner.language,
            valid_until=valid_until(certification, learner.achieved_on),
            status_list=status_list,
            status_index=index,
            signed=signed,
            issued_by=user,
        )
        log(instance=credential, action="credentials.issue", user=user)
    return credential


def revoke(credential, user, reason):
    """Revoke: the status list is signed again at once, so the next verification says so."""
    reason = (reason or "").strip()
    if not reason:
        raise ValueError(_("Give the reason for revoking."))
    if not may_issue(user, credential.issuer):
        raise PermissionDenied(_("You may not revoke this institution's certificates."))
    with transaction.atomic():
        credential = IssuedCredential.objects.select_for_update().get(pk=credential.pk)
        if credential.revoked:
            return credential
        credential.revoked_at = timezone.now()
        credential.revoked_by = user
        credential.revocation_reason = reason
        credential.save(update_fields=["revoked_at", "revoked_by", "revocation_reason"])
        sign_list(credential.status_list)
        log(
            instance=credential,
            action="credentials.revoke",
            user=user,
            data={"reason": reason},
        )
    return credential


def withdraw_page(credential, user):
    """At the learner's request: the public page answers "withdrawn"; the signed credential
    they hold still verifies unless it is revoked."""
    if not may_issue(user, credential.issuer):
        raise PermissionDenied(_("You may not change this institution's certificates."))
    if credential.page_withdrawn_at is None:
        credential.page_withdrawn_at = timezone.now()
        credential.save(update_fields=["page_withdrawn_at"])
        log(instance=credential, action="credentials.withdraw_page", user=user)
    return credential
