"""The Open Badges achievement a certification is: its name and description in every language it
is published in, its national framework level and AQRF level, and the standards it assesses with
their competency units, as alignments."""

from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from credentials.identities import absolute
from resources.localization import choose
from resources.models import NATIONAL_FRAMEWORKS
from resources.permalinks import public_translations

# Achievement names and descriptions in every language, as language maps: OB 3.0 keeps `name`
# and `description` plain strings (the certificate's language), and its context is protected.
LANGUAGE_MAPS = {
    "nameMap": {"@id": "https://schema.org/name", "@container": "@language"},
    "descriptionMap": {"@id": "https://schema.org/description", "@container": "@language"},
}


class NotIssuable(ValueError):
    """The certification cannot be issued as it stands (says why, in the user's language)."""


def live_translations(certification):
    """The certification's live public translations, the original first."""
    translations = public_translations(certification.external_id)
    if not translations:
        raise NotIssuable(_("Only a published, public certification can be issued."))
    return translations


def achievement(certification, language):
    """The achievement for a certificate in ``language`` (plain strings in that language, else
    in the fallback order's first language the certification has)."""
    translations = live_translations(certification)
    by_language = {page.locale.language_code: page for page in translations}
    original = translations[0].locale.language_code
    shown = choose(by_language, language, original=original)
    permalink = absolute(f"/r/{shown.external_id}")
    with translation.override(language):
        document = {
            "id": permalink,
            "type": ["Achievement"],
            "achievementType": "Certification",
            "name": shown.title,
            "description": shown.summary or shown.title,
            "nameMap": {code: page.title for code, page in by_language.items()},
            "criteria": {
                "id": permalink,
                "narrative": shown.assessment_method or shown.summary or shown.title,
            },
            "humanCode": shown.external_id,
            "inLanguage": shown.locale.language_code,
            "alignment": level_alignments(shown, permalink) + standard_alignments(shown, language),
        }
        descriptions = {code: page.summary for code, page in by_language.items() if page.summary}
        if descriptions:
            document["descriptionMap"] = descriptions
    return document


def level_alignments(certification, permalink):
    level = certification.level
    if level is None:
        return []
    framework_name = str(NATIONAL_FRAMEWORKS[level.framework][0])
    alignments = [
        {
            "type": ["Alignment"],
            "targetType": "ext:NationalQualificationLevel",
            "targetFramework": framework_name,
            "targetCode": f"{level.framework}-{level.level}",
            "targetName": _("%(framework)s, level %(level)s")
            % {"framework": framework_name, "level": level.level},
            "targetDescription": level.name,
            "targetUrl": f"{permalink}#level",
        }
    ]
    if level.aqrf_level:
        alignments.append(
            {
                "type": ["Alignment"],
                "targetType": "ext:AQRFLevel",
                "targetFramework": _("ASEAN Qualifications Reference Framework"),
                "targetCode": f"AQRF-{level.aqrf_level}",
                "targetName": _("AQRF level %(level)s") % {"level": level.aqrf_level},
                "targetUrl": f"{permalink}#aqrf",
            }
        )
    return alignments


def standard_alignments(certification, language):
    alignments = []
    for standard in certification.standards(locale=_locale(language)):
        url = absolute(f"/r/{standard.external_id}")
        alignments.append(
            {
                "type": ["Alignment"],
                "targetType": "ext:VocationalStandard",
                "targetName": standard.title,
                "targetCode": standard.code,
                "targetFramework": standard.issuing_body,
                "targetUrl": url,
            }
        )
        for unit in standard.competencies:
            if unit.block_type != "competency":
                continue
            alignments.append(
                {
                    "type": ["Alignment"],
                    "targetType": "ceasn:Competency",
                    "targetName": unit.value["title"],
                    "targetCode": unit.value["code"],
                    "targetFramework": f"{standard.code} {standard.title}",
                    "targetDescription": "; ".join(unit.value["performance_criteria"]),
                    "targetUrl": f"{url}#{unit.value['code']}",
                }
            )
    return alignments


def _locale(language):
    return Locale.objects.filter(language_code=language).first()
