"""Each member institution's issuing identity: made with the institution (its group of
certificate issuers) and on first use; who may issue for it."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils.text import slugify

from credentials.models import CredentialIssuer
from resources.models import Institution


def issuers_group_name(institution):
    return f"Certificate issuers · {institution.name}"


def issuer_for(institution):
    """The issuer of ``institution`` (any translation of it), created when missing."""
    issuer = CredentialIssuer.objects.filter(institution_key=institution.translation_key).first()
    if issuer is not None:
        return issuer
    with transaction.atomic():
        group, _created = Group.objects.get_or_create(name=issuers_group_name(institution))
        # get_or_create: right after the first migration, Django may not have made it yet.
        permission, _created = Permission.objects.get_or_create(
            codename="issue_certificates",
            content_type=ContentType.objects.get_for_model(CredentialIssuer),
            defaults={"name": "Can issue and revoke certificates"},
        )
        # Issuers who edit nothing else still sign in to the admin, where issuing is.
        admin_access = Permission.objects.get(
            codename="access_admin", content_type__app_label="wagtailadmin"
        )
        group.permissions.add(permission, admin_access)
        issuer, _created = CredentialIssuer.objects.get_or_create(
            institution_key=institution.translation_key,
            defaults={"slug": _free_slug(slugify(institution.slug)), "issuers": group},
        )
    return issuer


def _free_slug(slug):
    # Institutions' slugs are unique per language only; an issuer's addresses need one of its own.
    candidate, number = slug, 1
    while CredentialIssuer.objects.filter(slug=candidate).exists():
        number += 1
        candidate = f"{slug}-{number}"
    return candidate


def ensure_issuers():
    """An issuer (and its group) for every institution: after migrations, for those that
    existed before certificates did."""
    seen = set()
    for institution in Institution.objects.order_by("pk"):
        if institution.translation_key not in seen:
            seen.add(institution.translation_key)
            issuer_for(institution)


def may_issue(user, issuer):
    if not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(pk=issuer.issuers_id).exists()


def issuers_of(user):
    """The issuers ``user`` may issue for."""
    issuers = CredentialIssuer.objects.all()
    return issuers if user.is_superuser else issuers.filter(issuers__user=user)
