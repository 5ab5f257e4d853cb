"""Load the whole demo in one transaction: snippets, the page tree, then the resources (through
the importer)."""

from django.db import transaction
from wagtail.models import Locale, Page

from digital_lm.languages import DEFAULT_LANGUAGE, LANGUAGE_CODES
from resources.models import Country, Institution, QualificationLevel, Sector, resource_page_models

from . import data, taxonomy, termbase, tree
from .catalogue import section_languages
from .resource_pages import load_resources
from .sync import Tally


def load_demo_content():
    """Create or update the demo content; returns the Tally of what changed and the importer's
    ImportReport of the resources."""
    tally = Tally()
    with transaction.atomic():
        locales = {code: Locale.objects.get(language_code=code) for code in LANGUAGE_CODES}
        countries = taxonomy.load_countries(locales, tally)
        taxonomy.load_sectors(locales, tally)
        levels = taxonomy.load_levels(locales, tally)
        institutions = taxonomy.load_institutions(locales, countries, tally)
        termbase.load_termbase(tally)  # after the sectors and levels it names

        tree.remove_welcome_page()
        homes = tree.load_homes(locales, tally)
        catalogues = tree.load_catalogues(homes, locales, tally)
        tree.load_workshops(homes, locales, countries, institutions, tally)
        tree.load_sections(
            catalogues, locales, institutions, section_languages(data.PROGRAMMES), tally
        )
        resources = load_resources(levels, tally)
    return tally, resources


def content_counts():
    """What a visitor would count: snippets, and live resources per type and per language."""
    counts = {
        "countries": Country.objects.count(),
        "institutions": Institution.objects.count(),
        "sectors": Sector.objects.count(),
        "qualification levels": QualificationLevel.objects.count(),
    }
    by_type = {
        str(model._meta.verbose_name_plural): model.objects.live()
        .filter(locale__language_code=DEFAULT_LANGUAGE)
        .count()
        for model in resource_page_models()
    }
    live = Page.objects.live()
    by_language = {
        code: live.filter(locale__language_code=code).type(*resource_page_models()).count()
        for code in LANGUAGE_CODES
    }
    pages_by_language = {
        code: live.filter(locale__language_code=code).count() for code in LANGUAGE_CODES
    }
    return counts, by_type, by_language, pages_by_language
