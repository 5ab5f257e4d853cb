"""The snippets: countries, sectors, qualification levels and institutions (with logos).

Each is created in zh-hans and translated by rows that share its translation_key; every
function returns {stable key: {language: snippet}}.
"""

from resources.models import NATIONAL_FRAMEWORKS, Country, Institution, QualificationLevel, Sector

from . import data, media
from .files import get_collection, upsert_image
from .sync import upsert_row
from .texts import SOURCE_LANGUAGE


def upsert_translated(model, lookup, values_by_lang, locales, tally):
    """The zh-hans snippet and its translations, keyed by ``lookup`` plus the locale."""
    source = upsert_row(
        model,
        {**lookup, "locale": locales[SOURCE_LANGUAGE]},
        values_by_lang[SOURCE_LANGUAGE],
        tally,
    )
    result = {SOURCE_LANGUAGE: source}
    for lang, values in values_by_lang.items():
        if lang != SOURCE_LANGUAGE:
            result[lang] = upsert_row(
                model,
                {**lookup, "locale": locales[lang]},
                {**values, "translation_key": source.translation_key},
                tally,
            )
    return result


def load_countries(locales, tally):
    return {
        code: upsert_translated(
            Country,
            {"code": code},
            {lang: {"name": n} for lang, n in names.items()},
            locales,
            tally,
        )
        for code, names in data.COUNTRY_NAMES.items()
    }


def load_sectors(locales, tally):
    return {
        code: upsert_translated(
            Sector, {"code": code}, {lang: {"name": n} for lang, n in names.items()}, locales, tally
        )
        for code, names in data.SECTORS
    }


def level_names(framework, level):
    """A level's name per language; China's grades have names of their own."""
    country = NATIONAL_FRAMEWORKS[framework][1]
    if framework == "CN-VSL":
        zh, en = data.CN_LEVEL_NAMES[level]
        mekong = {
            lang: f"{word} {level} ({data.COUNTRY_NAMES[country][lang]})"
            for lang, word in data.LEVEL_WORD.items()
        }
    else:
        zh_framework, abbreviation = data.FRAMEWORK_ABBREVIATIONS[framework]
        zh, en = f"{zh_framework} {level} 级", f"{abbreviation} Level {level}"
        mekong = {lang: f"{abbreviation} {word} {level}" for lang, word in data.LEVEL_WORD.items()}
    return {"zh-hans": zh, "en": en, **mekong}


def load_levels(locales, tally):
    levels = {}
    for framework, (_name, country, highest) in NATIONAL_FRAMEWORKS.items():
        # The five ASEAN frameworks are referenced level-for-level to the AQRF; China's is not.
        aqrf = {level: None if country == "CN" else level for level in range(1, highest + 1)}
        for level in range(1, highest + 1):
            levels[(framework, level)] = upsert_translated(
                QualificationLevel,
                {"framework": framework, "level": level},
                {
                    lang: {"name": name, "aqrf_level": aqrf[level]}
                    for lang, name in level_names(framework, level).items()
                },
                locales,
                tally,
            )
    return levels


def collection_name(institution):
    # The name the editorial setup gives an institution's collection (see resources.editorial).
    return institution["name"]["zh-hans"]


def load_institutions(locales, countries, tally):
    """Institutions in zh-hans, en and, for Mekong members, their own language; each with a
    logo in the institution's collection."""
    result = {}
    for item in data.INSTITUTIONS:
        collection = get_collection(collection_name(item), tally)
        logo = upsert_image(
            f"{item['name']['en']} logo",
            collection,
            f"logo-{item['slug']}.png",
            media.logo_png(item["slug"], item["code"]),
            tally,
        )
        values_by_lang = {
            lang: {
                "name": name,
                "kind": item["kind"],
                "country": countries[item["country"]][lang],
                "website": item["website"],
                "logo": logo,
                "description": item["description"].get(lang, item["description"]["en"]),
            }
            for lang, name in item["name"].items()
        }
        result[item["slug"]] = upsert_translated(
            Institution, {"slug": item["slug"]}, values_by_lang, locales, tally
        )
    return result
