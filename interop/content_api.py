"""The read-only content API at ``/api/v2/`` (Wagtail's API v2): pages, documents, images.

Everything here is what an anonymous visitor may see, whoever asks: live pages outside every
private subtree (signing in or a private page's password never adds any), the files of live,
public teaching materials outside private collections, and the images outside private
collections. Answers are JSON only and take no session or credentials, so that any origin may
read them (CORS, in the settings). Every endpoint answers GET and HEAD only: anything else 405.
"""

import re

from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.serializers import Field
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from resources.models import MaterialFile, TeachingMaterialPage

from .public import in_public_collections


class PublicTagsField(Field):
    """Tags by name from the prefetched tags (Wagtail's own field asks once per object)."""

    def to_representation(self, value):
        return sorted(tag.name for tag in value.all())


# Search words: longer text is cut; quotes and control characters are not words.
MAX_SEARCH = 200
_SEARCH_SYNTAX = re.compile(r'["\x00-\x1f\x7f]')


class PlainSearchFilter(SearchFilter):
    """Wagtail's ``?search=`` as words only: the database backend reads quotes and control
    characters as its query syntax (an unbalanced quote is a server error on SQLite), where
    a client meant plain text; an unknown ``search_operator`` is a clear 400."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator")
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        words = " ".join(_SEARCH_SYNTAX.sub(" ", request.GET["search"][:MAX_SEARCH]).split())
        if not words:
            return queryset.none()
        query = request.GET.copy()
        query["search"] = words
        request._request.GET = query  # what Wagtail's filter reads
        return super().filter_queryset(request, queryset, view)


def _plain_search(backends):
    return [PlainSearchFilter if backend is SearchFilter else backend for backend in backends]


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
    filter_backends = _plain_search(PagesAPIViewSet.filter_backends)
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
    filter_backends = _plain_search(DocumentsAPIViewSet.filter_backends)
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
    filter_backends = _plain_search(ImagesAPIViewSet.filter_backends)

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
