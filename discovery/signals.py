"""Content lifecycle events that change what the discovery index must say.

Each receiver only works out which resources are affected and queues them (discovery.queue);
the worker recomputes them from PostgreSQL, so a receiver never has to know what changed.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from taggit.models import Tag
from wagtail.models import Collection, CollectionViewRestriction, Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from discovery.documents import resource_keys_under
from discovery.engine import engine_configured
from discovery.labels import forget_names
from discovery.queue import enqueue, enqueue_documents
from filetext.models import DocumentText
from resources.models import (
    Country,
    Institution,
    QualificationLevel,
    ResourceDocument,
    Sector,
)
from resources.models.base import ResourceMetadataMixin, resource_page_models


def _is_resource(page):
    return isinstance(page, ResourceMetadataMixin) or (
        isinstance(page, Page) and issubclass(page.specific_class or Page, ResourceMetadataMixin)
    )


def _page_and_below(page):
    if _is_resource(page):
        return {page.translation_key}
    return resource_keys_under(page)


@receiver(page_published)
def published(sender, instance, **kwargs):
    if engine_configured() and _is_resource(instance):
        enqueue({instance.translation_key})


@receiver(page_unpublished)
def unpublished(sender, instance, **kwargs):
    if engine_configured():
        enqueue(_page_and_below(instance))


@receiver(page_slug_changed)
def slug_changed(sender, instance, **kwargs):
    # Every URL below the page changed.
    if engine_configured():
        enqueue(_page_and_below(instance))


@receiver(post_page_move)
def moved(sender, instance, **kwargs):
    # A move can change URLs, and put pages under (or out of) a private section.
    if engine_configured():
        enqueue(_page_and_below(Page.objects.get(pk=instance.pk)))


@receiver(post_delete)
def deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and engine_configured() and _is_resource(instance):
        enqueue({instance.translation_key})


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    if not engine_configured():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        enqueue(_page_and_below(page))


@receiver(post_save, sender=ResourceDocument)
def document_saved(sender, instance, **kwargs):
    # Its language, collection, title or file may have changed: the materials linking it
    # are rewritten (the worker indexes only text matching the file as it is now).
    if engine_configured():
        enqueue_documents([instance.pk])


@receiver(post_save, sender=CollectionViewRestriction)
@receiver(post_delete, sender=CollectionViewRestriction)
def collection_privacy_changed(sender, instance, **kwargs):
    if not engine_configured():
        return
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if collection is not None:
        below = Collection.objects.descendant_of(collection, inclusive=True)
        enqueue_documents(
            ResourceDocument.objects.filter(collection__in=below).values_list("pk", flat=True)
        )


@receiver(post_save, sender=DocumentText)
@receiver(post_delete, sender=DocumentText)
def file_text_changed(sender, instance, **kwargs):
    # Only finished text is indexed; a deleted text takes its pages out of the index.
    deleted = kwargs["signal"] is post_delete
    if engine_configured() and (deleted or instance.status == DocumentText.Status.DONE):
        enqueue_documents([instance.document_id])


# Snippets whose names (or codes) the documents carry: lookup from a resource page.
SNIPPET_LOOKUPS = {
    Institution: ("institution",),
    Sector: ("sectors",),
    Country: ("countries", "institution__country"),
    QualificationLevel: ("level",),
    Tag: ("tagged_items__tag",),
}


def snippet_changed(sender, instance, **kwargs):
    if not engine_configured():
        return
    keys = set()
    for model in resource_page_models():
        for lookup in SNIPPET_LOOKUPS[sender]:
            keys.update(
                model.objects.filter(**{lookup: instance}).values_list("translation_key", flat=True)
            )
    enqueue(keys)


for _snippet in SNIPPET_LOOKUPS:
    post_save.connect(
        snippet_changed, sender=_snippet, dispatch_uid=f"discovery-{_snippet.__name__}"
    )


def taxonomy_changed(sender, **kwargs):
    forget_names()


for _taxonomy in (Country, Sector, Institution, QualificationLevel):
    for _signal in (post_save, post_delete):
        _signal.connect(
            taxonomy_changed, sender=_taxonomy, dispatch_uid=f"labels-{_taxonomy.__name__}"
        )
