"""A repository's name and institution are in its resources' index documents: a change
re-indexes them, and a repository removed takes its resources out of the index."""

from django.db.models.signals import post_save, pre_delete
from django.dispatch import receiver

from discovery.queue import enqueue
from harvesting.models import HarvestSource


def _keys(source):
    return set(source.resources.values_list("translation_key", flat=True))


@receiver(post_save, sender=HarvestSource)
def reindex_resources(sender, instance, created, update_fields=None, **kwargs):
    shown = {"name", "institution"}
    if not created and (update_fields is None or shown & set(update_fields)):
        enqueue(_keys(instance))


@receiver(pre_delete, sender=HarvestSource)
def withdraw_resources(sender, instance, **kwargs):
    enqueue(_keys(instance))
