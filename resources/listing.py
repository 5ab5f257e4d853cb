"""Building lists of resources with a fixed number of SQL queries, whatever their length."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch, Q
from wagtail.models import Page

from resources.localization import localize_all
from resources.models.base import resource_page_models

PAGE_SIZE = 12


def live_resources(locale, within=None):
    """Live, public resource pages of every type in ``locale``, newest first (generic Pages)."""
    qs = (
        Page.objects.live()
        .public()
        .filter(locale=locale)
        .type(*resource_page_models())
        .order_by("-first_published_at", "-id")
    )
    if within is not None:
        qs = qs.descendant_of(within)
    return qs


def _any_type(lookup, value):
    """A Q matching generic Pages whose specific resource (of any type) has ``lookup=value``."""
    condition = Q()
    for model in resource_page_models():
        condition |= Q(**{f"{model._meta.model_name}__{lookup}": value})
    return condition


def filter_resources(qs, tag=None, resource_type=None, institution_keys=None):
    if tag:
        qs = qs.filter(_any_type("tagged_items__tag__slug", tag)).distinct()
    if institution_keys is not None:
        qs = qs.filter(_any_type("institution__translation_key__in", institution_keys))
    if resource_type:
        model = resource_model_by_name(resource_type)
        qs = qs.type(model) if model else qs.none()
    return qs


def resource_model_by_name(name):
    return {m._meta.model_name: m for m in resource_page_models()}.get(name)


def load_specific(pages):
    """The specific pages for ``pages`` (in the same order), with everything a card shows.

    One query per resource type plus its prefetches, and one per snippet model to show
    institutions, sectors and countries in the active language.
    """
    ids_by_model = {}
    for page in pages:
        ids_by_model.setdefault(page.content_type_id, []).append(page.id)
    by_id = {}
    for model in resource_page_models():
        ids = ids_by_model.get(ContentType.objects.get_for_model(model).id)
        if not ids:
            continue
        for obj in (
            model.objects.filter(id__in=ids)
            .select_related("institution", "level")
            .prefetch_related(
                Prefetch("tagged_items", model.tags.through.objects.select_related("tag")),
                "sectors",
                "countries",
            )
        ):
            by_id[obj.id] = obj
    specific = [by_id[p.id] for p in pages if p.id in by_id]
    attach_localized_snippets(specific)
    return specific


def attach_localized_snippets(resources):
    """Set ``display_institution``, ``display_sectors``, ``display_countries`` and
    ``display_level`` on each resource, in the active language."""
    snippets = []
    for r in resources:
        snippets += [r.institution, r.level, *r.sectors.all(), *r.countries.all()]
    local = localize_all(snippets)
    for r in resources:
        r.display_institution = local.get(r.institution)
        r.display_level = local.get(r.level)
        r.display_sectors = [local[s] for s in r.sectors.all()]
        r.display_countries = [local[c] for c in r.countries.all()]
        r.display_tags = [item.tag for item in r.tagged_items.all()]


def paginate(request, qs, per_page=PAGE_SIZE):
    paginator = Paginator(qs, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
