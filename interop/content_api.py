"""The read-only content API at ``/api/v2/`` (Wagtail's API v2): pages, documents, images.

Everything here is what an anonymous visitor may see, whoever asks: live pages outside every
private subtree (signing in or a private page's password never adds any), the files of live,
public teaching materials outside private collections, and the images outside private
collections. Answers are JSON only and take no session or credentials, so that any origin may
read them (CORS, in the settings). Every endpoint answers GET and HEAD only: anything else 405.
"""

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import Field
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from resources.models import MaterialFile, TeachingMaterialPage

from .public import in_public_collections


class PublicTagsField(Field):
    """Tags by name from the prefetched tags (Wagtail's own field asks once per object)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


class PublicAPI:
    """What every endpoint shares: JSON, anonymous, read-only."""

    renderer_classes = [JSONRenderer]
    authentication_classes = []
    permission_classes = [AllowAny]

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        if response.status_code == 404:
            # "Not found" at its own address: else the language middleware would send it on
            # to the same address under a language prefix (as resources.permalinks explains).
            self.request._request.urlconf = __name__
        return response


class PublicPagesAPIViewSet(PublicAPI, PagesAPIViewSet):
    # "alias_of" may name a private or unpublished page.
    meta_fields = [name for name in PagesAPIViewSet.meta_fields if name != "alias_of"]

    def get_base_queryset(self):
        """Wagtail's live pages of the site, less every private subtree whatever the request
        (Wagtail's own would let in what the visitor's session may see)."""
        return super().get_base_queryset().public()

    def get_queryset(self):
        # Each page's language is in every answer: not one query per page.
        return super().get_queryset().select_related("locale")


class PublicDocumentsAPIViewSet(PublicAPI, DocumentsAPIViewSet):
    body_fields = DocumentsAPIViewSet.body_fields + [
        "language",
        "content_type",
        "file_extension",
        "file_size",
    ]
    listing_default_fields = DocumentsAPIViewSet.listing_default_fields + [
        "language",
        "content_type",
        "file_size",
    ]

    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {**super().get_field_serializer_overrides(model), "tags": PublicTagsField()}

    def get_queryset(self):
        """The files of live, public teaching materials, outside private collections: a file
        only a draft or a private page uses is not published."""
        materials = TeachingMaterialPage.objects.live().public().values("pk")
        used = MaterialFile.objects.filter(material__in=materials).values("document_id")
        documents = self.model.objects.filter(pk__in=used).order_by("id")
        return in_public_collections(documents).prefetch_related("tags")


class PublicImagesAPIViewSet(PublicAPI, ImagesAPIViewSet):
    @classmethod
    def get_field_serializer_overrides(cls, model):
        return {**super().get_field_serializer_overrides(model), "tags": PublicTagsField()}

    def get_queryset(self):
        """Images outside private collections. Wagtail serves no image privately (its files
        are in the media folder), but an image an institution keeps beside its private files
        is not one to advertise."""
        images = self.model.objects.order_by("id")
        return in_public_collections(images).prefetch_related("tags")


api_router = WagtailAPIRouter("content_api")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)

urlpatterns = [path("api/v2/", api_router.urls)]
