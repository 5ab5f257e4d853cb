"""Extraction is queued when a document's file is uploaded or replaced (filetext.runner)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from filetext import runner
from filetext.tasks import wake_worker
from resources.models import ResourceDocument


@receiver(post_save, sender=ResourceDocument)
def document_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return  # loaddata: the rows come with their own state
    if runner.request(instance):
        transaction.on_commit(wake_worker)
