"""Each member institution's issuing identity: made with the institution (its group of
certificate issuers) and on first use; who may issue for it."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify

from credentials.models import CredentialIssuer


def issuers_group_name(institution):
    return f"Certificate issuers · {institution.name}"


def issuer_for(institution):
    """The issuer of ``institution`` (any translation of it), created when missing."""
    issuer = CredentialIssuer.objects.filter(institution_key=institution.translation_key).first()
    if issuer is not None:
        return issuer
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=issuers_group_name(institution))
        group.permissions.add(
            Permission.objects.get(
                codename="issue_certificates", content_type__app_label="credentials"
            )
        )
        issuer, _created = CredentialIssuer.objects.get_or_create(
            institution_key=institution.translation_key,
            defaults={"slug": slugify(institution.slug), "issuers": group},
        )
    return issuer


def may_issue(user, issuer):
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(pk=issuer.issuers_id).exists()


def issuers_of(user):
    """The issuers ``user`` may issue for."""
    issuers = CredentialIssuer.objects.all()
    return issuers if user.is_superuser else issuers.filter(issuers__user=user)
