"""What partner systems may be shown of the files and images, whoever asks: never anything in a
private collection (one with a view restriction, or below one), as the download view refuses
those bytes to visitors (``downloads.access``). Machine-readable answers are the same for every
client, signed in or not, so they are computed as for an anonymous visitor."""

from django.db.models import Q
from wagtail.models import Collection, CollectionViewRestriction


def private_collection_ids():
    """The ids of every collection under a view restriction (the restricted ones and all below
    them): two queries, however many collections."""
    paths = Collection.objects.filter(
        pk__in=CollectionViewRestriction.objects.values("collection_id")
    ).values_list("path", flat=True)
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    if not under:
        return set()
    return set(Collection.objects.filter(under).values_list("pk", flat=True))


def in_public_collections(queryset):
    """The documents or images of ``queryset`` that no collection restriction covers."""
    return queryset.exclude(collection_id__in=private_collection_ids())
