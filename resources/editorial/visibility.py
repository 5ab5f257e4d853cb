"""What people of one institution see of the others' work in the admin's choosers and reports:
published pages only (never a draft's title) and, as Wagtail's document chooser already does,
only documents of collections they may choose from. The alliance's roles, whose permissions
reach every language's home page, see everything."""

from django.db.models import F, Q
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.permissions import policy_registry

PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]


def visible_pages(user):
    """A filter of the pages whose admin title ``user`` may read: every page their permissions
    reach, and other pages only while published without a newer draft title."""
    if user.is_superuser:
        return Q()
    reached = PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
    published = Q(live=True) & (Q(has_unpublished_changes=False) | Q(draft_title=F("title")))
    return published | Q(pk__in=reached.values("pk"))


class ChosenVisiblePagesView(ChosenMultipleView):
    """Wagtail's "pages chosen" answer (titles by id), which asks no chooser hook: only the
    pages the user may see."""

    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        visible = Page.objects.filter(visible_pages(request.user), pk__in=ids)
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return super().get(request)


class VisiblePageTypesUsageView(PageTypesUsageReportView):
    """Wagtail's page types report, which names each type's last edited page whoever's draft it
    is: a page the user may not see is left out."""

    def decorate_paginated_queryset(self, page_types):
        page_types = super().decorate_paginated_queryset(page_types)
        named = [item.last_edited_page.pk for item in page_types if item.last_edited_page]
        visible = set(
            Page.objects.filter(visible_pages(self.request.user), pk__in=named).values_list(
                "pk", flat=True
            )
        )
        for item in page_types:
            if item.last_edited_page and item.last_edited_page.pk not in visible:
                item.last_edited_page = None
        return page_types


class ChoosableDocumentsAPIViewSet(DocumentsAdminAPIViewSet):
    """The admin API's documents (title, file name, download URL), which Wagtail gives any
    signed-in user: only those the user may choose, as in the document chooser."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_document_model())
        choosable = policy.instances_user_has_permission_for(self.request.user, "choose")
        return super().get_queryset().filter(pk__in=choosable.values("pk"))


class ChoosableImagesAPIViewSet(ImagesAdminAPIViewSet):
    """The admin API's images, likewise: only those the user may choose."""

    def get_queryset(self):
        policy = policy_registry.get_by_type(get_image_model())
        choosable = policy.instances_user_has_permission_for(self.request.user, "choose")
        return super().get_queryset().filter(pk__in=choosable.values("pk"))
