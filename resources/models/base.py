"""The metadata every resource page carries, and the rules that keep it consistent."""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from interop.api_fields import (
    InstitutionField,
    LevelField,
    PermanentLinkField,
    TagsField,
    TaxonomyListField,
)
from resources.blocks import BodyBlock
from resources.caching import CachedViewRestrictions
from resources.forms import ResourcePageForm

from .editorial import InstitutionEditorial

LICENCE_CHOICES = [
    ("CC-BY-4.0", "CC BY 4.0"),
    ("CC-BY-SA-4.0", "CC BY-SA 4.0"),
    ("CC-BY-NC-4.0", "CC BY-NC 4.0"),
    ("CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0"),
    ("CC0-1.0", "CC0 1.0"),
    ("all-rights-reserved", _("All rights reserved")),
]
LICENCE_URLS = {
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "CC-BY-SA-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "CC-BY-NC-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "CC-BY-NC-SA-4.0": "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}

external_id_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9._:-]*$",
    _("Use letters, digits, '.', '_', ':' and '-' only, starting with a letter or digit."),
)


class ResourceMetadataMixin(CachedViewRestrictions, models.Model):
    """Common metadata of courses, standards, teaching materials and certifications.

    Subclasses add a ``tags`` ClusterTaggableManager with their own through model
    (a ParentalKey must point at a concrete model).
    """

    external_id = models.CharField(
        _("external ID"),
        max_length=64,
        validators=[external_id_validator],
        db_index=True,  # imports, permanent links and harvesters look resources up by it
        help_text=_(
            "Stable public identifier, shared by all translations and used by imports and "
            "partner systems, e.g. 'YN-TVC-EV-101'. It cannot be reused by another resource."
        ),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("Two or three sentences shown in listings and search results."),
    )
    institution = models.ForeignKey(
        "resources.Institution",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("institution"),
        help_text=_("The member institution that publishes this resource."),
    )
    sectors = ParentalManyToManyField(
        "resources.Sector", blank=True, related_name="+", verbose_name=_("sectors")
    )
    countries = ParentalManyToManyField(
        "resources.Country",
        blank=True,
        related_name="+",
        verbose_name=_("countries"),
        help_text=_("Countries this resource is written for or used in."),
    )
    level = models.ForeignKey(
        "resources.QualificationLevel",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("qualification level"),
    )
    licence = models.CharField(
        _("licence"), max_length=30, choices=LICENCE_CHOICES, default="CC-BY-4.0"
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("description"))

    metadata_panels = [
        MultiFieldPanel(
            [
                FieldPanel("external_id"),
                FieldPanel("institution"),
                FieldPanel("sectors"),
                FieldPanel("countries"),
                FieldPanel("level"),
                FieldPanel("licence"),
                FieldPanel("tags"),
            ],
            heading=_("Resource metadata"),
        ),
    ]
    summary_panels = [FieldPanel("summary"), FieldPanel("body")]

    search_fields = [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("external_id"),
        index.FilterField("institution"),
        index.RelatedFields("institution", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    # What the content API (/api/v2/pages/) shows of every resource (interop.api_fields).
    api_fields = [
        APIField("external_id"),
        APIField("summary"),
        APIField("institution", serializer=InstitutionField()),
        APIField("countries", serializer=TaxonomyListField("countries")),
        APIField("sectors", serializer=TaxonomyListField("sectors")),
        APIField("level", serializer=LevelField()),
        APIField("licence"),
        APIField("licence_url"),
        APIField("tags", serializer=TagsField()),
        APIField("permanent_link", serializer=PermanentLinkField()),
        APIField("body"),
    ]

    # Identity and classification are the same in every language; localize keeps them in sync.
    override_translatable_fields = [
        SynchronizedField("external_id", overridable=False),
        SynchronizedField("licence", overridable=False),
    ]

    resource_type_label = ""
    # The type's public name in the discovery index, its API, the catalogue's and the search's
    # URLs and the import's "type" column.
    discovery_type = ""
    # Where the type comes in every list of types (filters, facets, the API, import columns).
    type_order = 0
    # The RIS reference type a citation of the resource exports ("ELEC": a web page).
    citation_type = "ELEC"
    # The import columns only this type has, each filling the field of its name (see
    # resources.importing.columns), in the order docs/import.md documents them.
    import_columns = ()
    # Standards and certifications carry the alliance's name: they need its approval too.
    needs_alliance_approval = False
    base_form_class = ResourcePageForm

    class Meta:
        abstract = True

    @property
    def licence_url(self):
        return LICENCE_URLS.get(self.licence, "")

    def get_workflow(self):
        """The institution's review workflow: one step, or two for standards and certifications.
        Translations follow their institution too, so they get the same review as the source."""
        if not getattr(settings, "WAGTAIL_WORKFLOW_ENABLED", True):
            return None
        editorial = InstitutionEditorial.for_institution(
            self.institution if self.institution_id else None
        )
        if editorial is not None:
            workflow = (
                editorial.alliance_workflow
                if self.needs_alliance_approval
                else editorial.review_workflow
            )
            if workflow.active:
                return workflow
        return super().get_workflow()

    @classmethod
    def get_indexed_objects(cls):
        # The search backend reads each page's sectors; modelsearch prefetches other
        # relations but not a cluster's many-to-many ones, so without this it is one query
        # per page and field.
        queryset = super().get_indexed_objects()
        parental = [
            field.field_name
            for field in cls.get_search_fields()
            if isinstance(field, index.RelatedFields)
            and isinstance(cls._meta.get_field(field.field_name), ParentalManyToManyField)
        ]
        return queryset.prefetch_related(*parental)

    def clean(self):
        super().clean()
        errors = {}
        if self.external_id:
            clash = find_resource_by_external_id(self.external_id, exclude=self)
            if clash is not None:
                errors["external_id"] = _(
                    "“%(id)s” is already used by “%(title)s”. Choose another external ID."
                ) % {"id": self.external_id, "title": clash.title}
        if errors:
            raise ValidationError(errors)


def resource_page_models():
    """Every concrete page model that carries resource metadata, in their ``type_order``."""
    models_ = [m for m in get_page_models() if issubclass(m, ResourceMetadataMixin)]
    return sorted(models_, key=lambda model: model.type_order)


@dataclass(frozen=True)
class ResourceType:
    """A kind of resource, as its page model declares it: everything that lists the types
    (filters, facets, the API, the importer) reads them from here."""

    model: type

    @property
    def name(self):
        """The public name, in URLs, the API, the index and import files: "course"."""
        return self.model.discovery_type

    @property
    def label(self):
        """The label in the active language: "Course"."""
        return capfirst(self.model._meta.verbose_name)

    @property
    def plural_label(self):
        """The plural label in the active language: "Courses"."""
        return capfirst(self.model._meta.verbose_name_plural)

    @property
    def model_name(self):
        """The model's name, "coursepage": what the catalogue's ``type`` parameter once took."""
        return self.model._meta.model_name

    @property
    def import_columns(self):
        return list(self.model.import_columns)


def resource_types():
    """Every resource type, in their order."""
    return [ResourceType(model) for model in resource_page_models()]


def resource_type(name):
    """The resource type called ``name`` ("course"), or None."""
    return next((kind for kind in resource_types() if kind.name == name), None)


def resource_type_names():
    """The public names of the resource types, in their order."""
    return [kind.name for kind in resource_types()]


# {external ID: [(path, translation key)]} read for a batch of pages, every ID read a key.
_owners_read_in_advance = ContextVar("external_id_owners_read_in_advance", default=None)


@contextmanager
def external_ids_read_in_advance(external_ids):
    """Within it, ``find_resource_by_external_id`` answers for ``external_ids`` from what one
    query per resource type reads now, not a query per call: an import checks each of its
    rows twice, as it plans them and as it saves them. The caller makes sure that the pages it
    writes meanwhile keep each of these IDs to one resource (an import's rows do)."""
    owners = {external_id: [] for external_id in sorted(set(external_ids)) if external_id}
    for model in resource_page_models():
        rows = model.objects.filter(external_id__in=list(owners)).order_by()
        for external_id, path, key in rows.values_list("external_id", "path", "translation_key"):
            owners[external_id].append((path, key))
    token = _owners_read_in_advance.set(owners)
    try:
        yield
    finally:
        _owners_read_in_advance.reset(token)


def find_resource_by_external_id(external_id, exclude=None):
    """The resource page (any type, any locale) using ``external_id``, other than ``exclude``
    and its translations. The type tables are read alone (quick to plan as well as to run),
    the pages of any match in a second query; or, for IDs read in advance, the one match."""
    excluded_key = exclude.translation_key if exclude is not None else None
    owners = _owners_read_in_advance.get()
    if owners is not None and external_id in owners:
        paths = [path for path, key in owners[external_id] if key != excluded_key]
        return Page.objects.get(path=min(paths)).specific if paths else None
    ids = None
    for model in resource_page_models():
        qs = model.objects.filter(external_id=external_id).order_by().values("pk")
        ids = qs if ids is None else ids.union(qs, all=True)
    found = [row["pk"] for row in ids]
    if not found:
        return None
    pages = Page.objects.filter(pk__in=found).order_by("path")
    if excluded_key:
        pages = pages.exclude(translation_key=excluded_key)
    match = pages.first()
    return match.specific if match is not None else None
