"""Small idempotent helpers that grant Wagtail permissions to groups."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupCollectionPermission, GroupPagePermission


def permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant(group, *specs):
    """Model permissions given as "app_label.codename"."""
    for spec in specs:
        group.permissions.add(permission(*spec.split(".", 1)))


def grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=permission("wagtailcore", codename)
        )


def grant_pages_only(group, page, codenames):
    """Exactly these page permissions of ``group`` on ``page``: others (from an older setup)
    are taken away."""
    grant_pages(group, page, codenames)
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__codename__in=codenames
    ).delete()


def grant_collection(group, collection, actions, models=("document", "image")):
    apps = {"document": "wagtaildocs", "image": "wagtailimages", "collection": "wagtailcore"}
    for model in models:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=permission(apps[model], f"{action}_{model}"),
            )


def named_group(name):
    group, _created = Group.objects.get_or_create(name=name)
    grant(group, "wagtailadmin.access_admin")
    return group
