"""What an OAI-PMH record is: one live, public translation of a resource page, named
``oai:<repository id>:<external_id>/<language>``, in the sets of its resource type, its
institution, its countries and its language. Also the reading, in a fixed number of queries
however many records, of everything the metadata formats say of them."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch
from wagtail.models import Page

from digital_lm.languages import bcp47
from resources.models import Country, Institution, QualificationLevel, Sector
from resources.models.base import LICENCE_CHOICES, resource_page_models
from resources.permalinks import permanent_url

# The top of each set hierarchy: a record is in ``type`` and in ``type:course``.
SET_KINDS = ("type", "institution", "country", "language")


def repository_id():
    return settings.OAI_REPOSITORY_ID


def identifier(external_id, language):
    return f"oai:{repository_id()}:{external_id}/{language}"


def parse_identifier(value):
    """(external_id, language) named by an identifier of this repository, else None."""
    prefix = f"oai:{repository_id()}:"
    if not value.startswith(prefix) or "/" not in value[len(prefix) :]:
        return None
    external_id, _slash, language = value[len(prefix) :].rpartition("/")
    return (external_id, language) if external_id and language else None


def set_specs(page):
    """Every set ``page`` (a specific resource page, countries prefetched) belongs to,
    the hierarchies' tops included."""
    leaves = [
        f"type:{page.discovery_type}",
        f"institution:{page.institution.slug}",
        *(f"country:{country.code}" for country in page.countries.all()),
        f"language:{page.locale.language_code}",
    ]
    return sorted({*SET_KINDS, *leaves})


def public_resource_pages(translation_keys=None):
    """Every live, public resource page (specific, each type in turn), or those of these
    translation keys, with what a record's state needs."""
    for model in resource_page_models():
        pages = model.objects.live().public().select_related("institution", "locale")
        if translation_keys is not None:
            pages = pages.filter(translation_key__in=translation_keys)
        yield from pages.prefetch_related("countries").order_by("pk")


def public_page_ids(page_ids):
    """Those of ``page_ids`` that are live and public now (one query, and one for the view
    restrictions)."""
    return set(Page.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True))


@dataclass
class RecordContent:
    """What the metadata formats say of one record, in the record's language."""

    page: object
    language: str
    permanent_url: str
    page_url: str
    institution: str
    sectors: list = field(default_factory=list)
    countries: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    level: object = None
    other_translations: list = field(default_factory=list)  # [(language, permanent url)]

    @property
    def language_tag(self):
        return bcp47(self.language)

    @property
    def resource_type(self):
        return self.page.discovery_type

    @property
    def licence(self):
        """The licence's URL, or its name when it has none ("All rights reserved")."""
        return self.page.licence_url or str(dict(LICENCE_CHOICES).get(self.page.licence, ""))


def load_contents(page_ids, request):
    """{page id: RecordContent} of those of ``page_ids`` that are live and public now. One
    query per resource type and its prefetches, one per taxonomy, one for the translations."""
    pages = _specific_public_pages(page_ids)
    names = _names_in_every_language(pages)
    others = _translations_of(pages, request)
    contents = {}
    for page in pages:
        language = page.locale.language_code

        def named(obj, language=language):
            return names.get((type(obj), obj.translation_key, language), obj)

        contents[page.pk] = RecordContent(
            page=page,
            language=language,
            permanent_url=permanent_url(page, request),
            page_url=page.get_full_url(request),
            institution=named(page.institution).name,
            sectors=[named(sector) for sector in page.sectors.all()],
            countries=[named(country) for country in page.countries.all()],
            tags=[item.tag.name for item in page.tagged_items.all()],
            level=named(page.level) if page.level else None,
            other_translations=[
                (code, url) for code, url in others[page.translation_key] if code != language
            ],
        )
    return contents


def _specific_public_pages(page_ids):
    pages = []
    for model in resource_page_models():
        pages += (
            model.objects.live()
            .public()
            .filter(pk__in=page_ids)
            .select_related("institution", "level", "locale")
            .prefetch_related(
                Prefetch("tagged_items", model.tags.through.objects.select_related("tag")),
                "sectors",
                "countries",
            )
        )
    return pages


def _names_in_every_language(pages):
    """{(model, translation key, language): the taxonomy's translation}: every translation
    of the institutions, sectors, countries and levels these pages name, one query a model."""
    keys = defaultdict(set)
    for page in pages:
        keys[Institution].add(page.institution.translation_key)
        keys[Sector].update(s.translation_key for s in page.sectors.all())
        keys[Country].update(c.translation_key for c in page.countries.all())
        if page.level is not None:
            keys[QualificationLevel].add(page.level.translation_key)
    names = {}
    for model in (Institution, Sector, Country, QualificationLevel):
        if keys[model]:
            rows = model.objects.filter(translation_key__in=keys[model]).select_related("locale")
            for obj in rows:
                names[(model, obj.translation_key, obj.locale.language_code)] = obj
    return names


def _translations_of(pages, request):
    """{translation key: [(language, permanent url)]}: the live, public translations of
    these pages' resources, in one query."""
    keys = {page.translation_key for page in pages}
    rows = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .type(*resource_page_models())
        .select_related("locale")
        .order_by("pk")
    )
    external_ids = {page.translation_key: page.external_id for page in pages}
    translations = defaultdict(list)
    for page in rows:
        page.external_id = external_ids[page.translation_key]
        translations[page.translation_key].append(
            (page.locale.language_code, permanent_url(page, request))
        )
    return translations
