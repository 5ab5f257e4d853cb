"""What the repository keeps about the certificates it issues: each institution's issuing
identity (its group of issuers, its signing keys, encrypted), its revocation lists and every
credential issued, with what a learner asked of it.

Learners' identifiers are kept only hashed (the credential carries the same salted hash); their
e-mail address is used to send the link and not kept.
"""

import secrets
import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from digital_lm.languages import LANGUAGES

STATUS_LIST_BITS = 131_072  # 16 KiB: the Bitstring Status List minimum, for herd privacy


def new_public_token():
    """The unguessable part of a credential's public address (192 random bits)."""
    return secrets.token_urlsafe(24)


class CredentialIssuer(models.Model):
    """An institution as an issuer of certificates: keyed, like its editorial setup, by the
    institution's translation key; its DID and documents are addressed by ``slug``."""

    institution_key = models.UUIDField(unique=True, editable=False)
    slug = models.SlugField(max_length=80, unique=True)
    issuers = models.OneToOneField(
        Group,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Members may issue and revoke this institution's certificates."),
    )

    class Meta:
        verbose_name = _("certificate issuer")
        permissions = [("issue_certificates", _("Can issue and revoke certificates"))]

    def __str__(self):
        return self.slug


class IssuerKey(models.Model):
    """One Ed25519 signing key of an issuer. The newest unretired key signs; retired keys stay
    in the issuer's DID document, so that what they signed still verifies."""

    issuer = models.ForeignKey(CredentialIssuer, on_delete=models.CASCADE, related_name="keys")
    number = models.PositiveIntegerField()
    public_key_multibase = models.CharField(max_length=64)
    # The 32-byte seed, encrypted with AES-GCM under DLM_CREDENTIAL_KEY_SECRET (see keys.py).
    encrypted_seed = models.BinaryField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issuer key")
        ordering = ["issuer", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="unique_issuer_key_number")
        ]

    def __str__(self):
        return f"{self.issuer.slug}#key-{self.number}"

    @property
    def fragment(self):
        return f"key-{self.number}"


class StatusList(models.Model):
    """One Bitstring Status List of an issuer (revocation). Its bits are read from the revoked
    credentials; the signed list is kept and signed again whenever one is revoked."""

    issuer = models.ForeignKey(CredentialIssuer, on_delete=models.CASCADE, related_name="lists")
    number = models.PositiveIntegerField()
    signed = models.JSONField(null=True, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("status list")
        ordering = ["issuer", "number"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "number"], name="unique_status_list_number")
        ]

    def __str__(self):
        return f"{self.issuer.slug}/status/{self.number}"


class IssuedCredential(models.Model):
    """A certificate issued to a learner: what was signed, and what happened to it since."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    public_token = models.CharField(max_length=64, unique=True, default=new_public_token)
    issuer = models.ForeignKey(
        CredentialIssuer, on_delete=models.PROTECT, related_name="credentials"
    )
    # The certification as issued: its page (any translation of it), kept for the admin's lists.
    certification = models.ForeignKey(
        "resources.CertificationPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    certification_key = models.UUIDField(db_index=True)
    learner_name = models.CharField(_("learner's name"), max_length=200)
    identifier_type = models.CharField(max_length=40, blank=True)
    identifier_hash = models.CharField(max_length=100, blank=True)
    achieved_on = models.DateField(_("date of achievement"))
    result = models.CharField(_("assessment result"), max_length=200, blank=True)
    language = models.CharField(_("certificate language"), max_length=10, choices=LANGUAGES)
    valid_until = models.DateTimeField(null=True, blank=True)
    status_list = models.ForeignKey(StatusList, on_delete=models.PROTECT, related_name="+")
    status_index = models.PositiveIntegerField()
    signed = models.JSONField()
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(blank=True)
    page_withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("issued certificate")
        verbose_name_plural = _("issued certificates")
        ordering = ["-issued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["status_list", "status_index"], name="unique_status_list_entry"
            )
        ]

    def __str__(self):
        return f"{self.learner_name} ({self.uuid})"

    @property
    def revoked(self):
        return self.revoked_at is not None
