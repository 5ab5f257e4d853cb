"""How the content API (``interop.content_api``) writes a resource page's metadata: the fields
the resource page models name in their ``api_fields``.

Each field reads the whole page (``source="*"``) and loads what it needs for every page of the
response at once, the first time it is asked (``_for_every_page``): a listing costs the same
number of queries for 5 pages as for 100. Taxonomy labels (institution, countries, sectors,
level) come in the page's own language where they are translated, else as linked; linked pages
only when live and public, in the page's language where translated, else by the fallback order.
This module never imports the models: they import it.
"""

from django.urls import reverse
from rest_framework import serializers
from wagtail.api.utils import get_full_url
from wagtail.models import Page

from digital_lm.languages import language_name, language_position
from resources.localization import shown_translation

from .public import private_collection_ids


def _detail_url(field, model, pk):
    """The object's address in the content API (Wagtail's helper for this cannot be imported
    while the models load)."""
    request, router = field.context["request"], field.context["router"]
    return get_full_url(request, router.get_object_detail_urlpath(model, pk))


def _pages_of(instance):
    """The pages a serializer writes: a listing's (a list or queryset) or a detail's one."""
    if isinstance(instance, Page):
        return [instance]
    return list(instance or ())


def _for_every_page(field, name, load):
    """What ``load(pages)`` gives for every page of this response, computed once."""
    loaded = field.context.setdefault("interop_loaded", {})
    if name not in loaded:
        loaded[name] = load(_pages_of(field.root.instance))
    return loaded[name]


def _translations(model, ids, *related):
    """A function (row id, locale id) -> that row's translation in the locale, else the row
    itself, for rows ``ids`` of a translatable taxonomy (with its ``related`` rows): one query."""
    linked = model.objects.filter(pk__in=ids).values("translation_key")
    rows = model.objects.filter(translation_key__in=linked)
    rows = list(rows.select_related(*related) if related else rows)
    by_pk = {row.pk: row for row in rows}
    by_locale = {(row.translation_key, row.locale_id): row for row in rows}

    def in_locale(pk, locale_id):
        row = by_pk.get(pk)
        return row and by_locale.get((row.translation_key, locale_id), row)

    return in_locale


def _linked_ids(pages, name):
    """{page id: [ids of the rows its many-to-many field ``name`` links]}: one query."""
    linked = {page.pk: [] for page in pages}
    if pages:
        rows = type(pages[0]).objects.filter(pk__in=linked).values_list("pk", name)
        for page_pk, row_pk in rows:
            if row_pk is not None:
                linked[page_pk].append(row_pk)
    return linked


class PageField(serializers.Field):
    """A read-only field computed from the whole page."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)


class InstitutionField(PageField):
    """The publishing institution: its name in the page's language, slug and country code."""

    def to_representation(self, page):
        institution = _for_every_page(self, "institutions", self.load)(
            page.institution_id, page.locale_id
        )
        return {
            "name": institution.name,
            "slug": institution.slug,
            "country": institution.country.code,
        }

    def load(self, pages):
        model = type(pages[0])._meta.get_field("institution").related_model
        return _translations(model, {page.institution_id for page in pages}, "country")


class TaxonomyListField(PageField):
    """A many-to-many taxonomy (countries, sectors) as codes and names in the page's language."""

    def __init__(self, name, **kwargs):
        self.name = name
        super().__init__(**kwargs)

    def to_representation(self, page):
        linked, in_locale = _for_every_page(self, self.name, self.load)
        rows = [in_locale(pk, page.locale_id) for pk in linked[page.pk]]
        return sorted(
            ({"code": row.code, "name": row.name} for row in rows if row),
            key=lambda item: item["code"],
        )

    def load(self, pages):
        linked = _linked_ids(pages, self.name)
        model = type(pages[0])._meta.get_field(self.name).related_model
        return linked, _translations(model, {pk for pks in linked.values() for pk in pks})


class LevelField(PageField):
    """The qualification level: framework, level, AQRF level and name in the page's language."""

    def to_representation(self, page):
        if page.level_id is None:
            return None
        level = _for_every_page(self, "levels", self.load)(page.level_id, page.locale_id)
        return {
            "framework": level.framework,
            "level": level.level,
            "aqrf_level": level.aqrf_level,
            "name": level.name,
        }

    def load(self, pages):
        model = type(pages[0])._meta.get_field("level").related_model
        return _translations(model, {page.level_id for page in pages if page.level_id})


class TagsField(PageField):
    """The page's tags, by name."""

    def to_representation(self, page):
        return _for_every_page(self, "tags", self.load)[page.pk]

    def load(self, pages):
        tags = {page.pk: [] for page in pages}
        if pages:
            rows = (
                type(pages[0])
                .objects.filter(pk__in=tags)
                .values_list("pk", "tagged_items__tag__name")
            )
            for page_pk, name in rows:
                if name is not None:
                    tags[page_pk].append(name)
        return {pk: sorted(names) for pk, names in tags.items()}


class PermanentLinkField(PageField):
    """The page's permanent link (``/r/<external_id>/<language>``), which outlives moves."""

    def to_representation(self, page):
        path = reverse("permanent_link_in", args=[page.external_id, page.locale.language_code])
        return get_full_url(self.context["request"], path)


class MaterialFilesField(PageField):
    """A teaching material's files that anyone may download, in the alliance's language order:
    language, format, size and the address of the counted download."""

    def to_representation(self, page):
        return _for_every_page(self, "files", self.load).get(page.pk, [])

    def load(self, pages):
        if not pages:
            return {}
        relation = type(pages[0])._meta.get_field("files")
        rows = (
            relation.related_model.objects.filter(
                **{f"{relation.field.name}__in": [page.pk for page in pages]}
            )
            .exclude(document__collection_id__in=private_collection_ids())
            .select_related("document")
        )
        files = {}
        for row in rows:
            files.setdefault(getattr(row, relation.field.attname), []).append(row.document)
        return {
            pk: [self.describe(document) for document in self.in_order(documents)]
            for pk, documents in files.items()
        }

    @staticmethod
    def in_order(documents):
        return sorted(documents, key=lambda d: (language_position(d.language), d.title, d.pk))

    def describe(self, document):
        return {
            "id": document.pk,
            "title": document.title,
            "language": document.language,
            "language_name": language_name(document.language),
            "content_type": document.content_type,
            "extension": document.file_extension,
            "size": document.file_size,
            "download_url": get_full_url(self.context["request"], document.url),
            "detail_url": _detail_url(self, type(document), document.pk),
        }


class LinkedPagesField(PageField):
    """The live, public pages a resource links to through its link rows ``links`` (a course's
    standards and materials, a certification's standards), each in the page's language where
    translated, else in the next language of the fallback order."""

    def __init__(self, links, attr, **kwargs):
        self.links, self.attr = links, attr
        super().__init__(**kwargs)

    def to_representation(self, page):
        keys, shown = _for_every_page(self, self.links, self.load)
        language = page.locale.language_code
        found = (shown(key, language) for key in keys.get(page.pk, []))
        return [self.describe(target) for target in found if target is not None]

    def load(self, pages):
        if not pages:
            return {}, None
        relation = type(pages[0])._meta.get_field(self.links)
        rows = relation.related_model.objects.filter(
            **{f"{relation.field.name}__in": [page.pk for page in pages]}
        ).values_list(relation.field.attname, f"{self.attr}__translation_key")
        keys = {}
        for page_pk, key in rows:
            keys.setdefault(page_pk, []).append(key)
        target_model = relation.related_model._meta.get_field(self.attr).related_model
        candidates = (
            target_model.objects.filter(translation_key__in={k for ks in keys.values() for k in ks})
            .live()
            .public()
            .select_related("locale")
            .order_by("pk")
        )
        groups = {}
        for candidate in candidates:
            groups.setdefault(candidate.translation_key, []).append(candidate)

        def shown(key, language):
            return shown_translation(groups[key], language) if key in groups else None

        return keys, shown

    def describe(self, page):
        return {
            "id": page.pk,
            "external_id": page.external_id,
            "title": page.title,
            "locale": page.locale.language_code,
            "detail_url": _detail_url(self, Page, page.pk),
        }
