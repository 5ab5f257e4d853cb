"""Whatever can change what a harvester may see of a resource's translation: publishing,
unpublishing, deleting, moving, and the privacy of a page or one of its sections. Each
brings the records concerned in step at once, in the transaction of the change."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from resources.models.base import ResourceMetadataMixin

from . import tracking


@receiver(page_published)
@receiver(page_unpublished)
def resource_changed(sender, instance, **kwargs):
    if isinstance(instance, ResourceMetadataMixin):
        tracking.sync([instance.translation_key])


@receiver(post_delete)
def resource_deleted(sender, instance, **kwargs):
    if isinstance(instance, ResourceMetadataMixin):
        tracking.sync([instance.translation_key])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    tracking.sync_subtree(instance)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        tracking.sync_subtree(page)
