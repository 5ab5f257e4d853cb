from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponsePermanentRedirect
from django.utils.functional import classproperty
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from digital_lm.languages import accepted_languages
from resources import listing  # the module: resources.listing imports this package
from resources.blocks import RICH_TEXT_FEATURES
from resources.caching import CachedViewRestrictions, public
from resources.forms import SectionPageForm
from resources.localization import ListsInVisitorsLanguages, one_per_translation
from resources.models.base import resource_page_models, resource_types


class ResourceIndexPage(CachedViewRestrictions, ListsInVisitorsLanguages, Page):
    """A browsable section of the repository: the whole catalogue, an institution's, a topic's."""

    intro = RichTextField(_("introduction"), blank=True, features=RICH_TEXT_FEATURES)
    institution = models.ForeignKey(
        "resources.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("Set when this section holds one member institution's resources."),
    )

    parent_page_types = ["home.HomePage", "resources.ResourceIndexPage", "resources.WorkshopPage"]

    @classproperty
    def subpage_types(cls):
        # Sections, and every resource type (the models declare themselves as types).
        return [cls, *resource_page_models()]

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("institution")]
    base_form_class = SectionPageForm

    class Meta:
        verbose_name = _("resource index")
        verbose_name_plural = _("resource indexes")

    @classmethod
    def institution_above(cls, page):
        """The institution of the highest section at or above ``page`` that has one, or None:
        everything below an institution's section follows it."""
        section = (
            cls.objects.ancestor_of(page, inclusive=True)
            .filter(institution__isnull=False)
            .select_related("institution")
            .order_by("depth")
            .first()
        )
        return section.institution if section else None

    def clean(self):
        """A section inside an institution's section belongs to that institution: its
        permissions and review queue follow from it."""
        super().clean()
        if not self.depth or self.depth < 2:  # not in the tree yet (the admin form checks)
            return
        above = self.institution_above(self.get_parent())
        if above is None:
            return
        if self.institution_id is None:
            self.institution = above
        elif self.institution.translation_key != above.translation_key:
            raise ValidationError(
                {
                    "institution": _(
                        "This section belongs to %(name)s; resources here must be published by it."
                    )
                    % {"name": above.name}
                }
            )

    def get_resources(self, visitor=None, preferred=(), tag=None, resource_type=None):
        """Every resource in this section, in any language (one per resource), as shown
        to a visitor reading ``visitor`` (this page's language by default)."""
        return listing.browsable_resources(
            visitor or self.locale.language_code,
            preferred,
            within=self,
            tag=tag,
            resource_type=resource_type,
        )

    def get_sections(self, visitor, preferred=()):
        """Its sub-sections in every language, each once, as the visitor is shown them (a
        section missing from the Lao tree is still reached from the Lao catalogue)."""
        pages = (
            public(ResourceIndexPage.objects.live())
            .filter(listing.below_any_translation_of(self), depth=self.depth + 1)
            .select_related("locale")
            .order_by("pk")
        )
        sections = one_per_translation(pages, visitor, preferred)
        return sorted(sections, key=lambda section: section.title.casefold())

    def serve(self, request, *args, **kwargs):
        renamed = _with_public_type_names(request)
        if renamed is not None:
            return HttpResponsePermanentRedirect(renamed)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        tag = request.GET.get("tag", "").strip()[:100]
        resource_type = request.GET.get("type", "").strip()[:50]
        visitor = self.locale.language_code
        preferred = accepted_languages(request)
        resources = self.get_resources(visitor, preferred, tag=tag, resource_type=resource_type)
        page_obj = listing.paginate(request, resources)
        context.update(
            page_obj=page_obj,
            resources=listing.load_cards(list(page_obj.object_list), visitor),
            active_tag=tag,
            active_type=resource_type,
            resource_types=[(kind.name, kind.label) for kind in resource_types()],
            # Read only where the template asks (a kept fragment does not): a callable.
            sections=lambda: self.get_sections(visitor, preferred),
            preferred_languages=preferred,
        )
        return context


def _with_public_type_names(request):
    """The same URL with ``?type=`` in the search's vocabulary ("course") where it names a
    model ("coursepage", as catalogue links once did), every other parameter kept; else None."""
    old_names = {kind.model_name: kind.name for kind in resource_types()}
    types = request.GET.getlist("type")
    if not any(value in old_names for value in types):
        return None
    params = request.GET.copy()
    params.setlist("type", [old_names.get(value, value) for value in types])
    return f"{request.path}?{params.urlencode()}"
