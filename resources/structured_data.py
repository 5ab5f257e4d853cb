"""schema.org descriptions of resource pages, as JSON-LD for search engines and partners.

Each resource type maps to the schema.org type a harvester expects: a course to ``Course``, a
teaching material to ``LearningResource`` (one ``MediaObject`` per file and language), a
certification to ``EducationalOccupationalCredential`` and a vocational standard to
``DefinedTermSet`` whose terms are its units of competency. Names are given in the page's own
language; snippets (institutions, countries, levels, sectors) in the same language where they
are translated. Only live, public related pages are mentioned, and only the files the visitor
may download (downloads.access).
"""

import json
from urllib.parse import urljoin

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, override

from digital_lm.languages import bcp47
from downloads.access import downloadable
from resources.caching import cached, is_shared
from resources.localization import localize_all, visible_versions
from resources.models import (
    CertificationPage,
    CoursePage,
    TeachingMaterialPage,
    VocationalStandardPage,
)
from resources.models.base import LICENCE_URLS
from resources.models.snippets import NATIONAL_FRAMEWORKS

SCHEMA_ORG = "https://schema.org"
AQRF_NAME = "ASEAN Qualifications Reference Framework"
# Like Django's json_script: no "<", ">" or "&" inside the script element, so a title holding
# "</script>" or "<!--" cannot end it early.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld_script(data):
    """``<script type="application/ld+json">`` holding ``data``, safe to put in HTML."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),  # noqa: S308 — escaped above
    )


def structured_data(page, request=None):
    """The JSON-LD description of a resource page, or None for other pages. What is the same
    for every visitor of a live, public page is kept for the generation; a material's files
    are chosen for each visitor (downloads.access)."""
    describe = DESCRIBERS.get(type(page))
    if describe is None:
        return None

    def compute():
        with override(page.locale.language_code):
            return describe(page, request, _common(page, request))

    if is_shared(page, request):
        host = request.get_host() if request is not None else ""
        data = cached("json-ld", compute, page.pk, host)
    else:
        data = compute()
    if isinstance(page, TeachingMaterialPage):
        with override(page.locale.language_code):
            data = {**data, **_material_files(page, request, data["url"])}
    return data


def _common(page, request):
    """What every resource type says: identity, language, licence, publisher, levels,
    subjects, countries and the other language versions."""
    url = page.get_full_url(request)
    language = bcp47(page.locale.language_code)
    institution = page.institution
    snippets = [
        institution,
        institution.country,
        page.level,
        *page.sectors.all(),
        *page.countries.all(),
    ]
    local = localize_all(snippets, page.locale)
    organisation = _organisation(local[institution], local[institution.country])
    data = {
        "@context": SCHEMA_ORG,
        "@id": url,
        "url": url,
        # The page's own words, tagged with their language (snippets may fall back to another).
        "name": {"@value": page.title, "@language": language},
        "description": {"@value": page.summary, "@language": language},
        "identifier": page.external_id,
        "inLanguage": language,
        "publisher": organisation,
    }
    if LICENCE_URLS.get(page.licence):
        data["license"] = LICENCE_URLS[page.licence]
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.level_id:
        data["educationalLevel"] = _levels(local[page.level])
    sectors = [local[s] for s in page.sectors.all()]
    if sectors:
        data["about"] = [
            {"@type": "DefinedTerm", "name": s.name, "termCode": s.code} for s in sectors
        ]
    countries = [local[c] for c in page.countries.all()]
    if countries:
        data["spatialCoverage"] = [_country(c) for c in countries]
    data.update(_language_versions(page, request))
    return data


def _organisation(institution, country):
    organisation = {"@type": "Organization", "name": institution.name}
    if institution.website:
        organisation["url"] = institution.website
    if country is not None:
        organisation["address"] = {"@type": "PostalAddress", "addressCountry": country.code}
    return organisation


def _country(country):
    return {"@type": "Country", "name": country.name, "identifier": country.code}


def _levels(level):
    """A qualification level as its national framework term, and its AQRF level if any."""
    framework_name, _country_code, _highest = NATIONAL_FRAMEWORKS[level.framework]
    levels = [
        {
            "@type": "DefinedTerm",
            "name": level.name,
            "termCode": f"{level.framework}-{level.level}",
            "inDefinedTermSet": {"@type": "DefinedTermSet", "name": str(framework_name)},
        }
    ]
    if level.aqrf_level:
        levels.append(
            {
                "@type": "DefinedTerm",
                "name": gettext("AQRF level %(aqrf)s") % {"aqrf": level.aqrf_level},
                "termCode": f"AQRF-{level.aqrf_level}",
                "inDefinedTermSet": {"@type": "DefinedTermSet", "name": AQRF_NAME},
            }
        )
    return levels


def _language_versions(page, request):
    """``translationOfWork`` (on a translation) or ``workTranslation`` (on the original):
    links between the live, public language versions of the same resource."""
    versions = list(
        page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .order_by("id")
    )
    if not versions:
        return {}
    original = versions[0]

    def ref(version):
        return {
            "@id": version.get_full_url(request),
            "inLanguage": bcp47(version.locale.language_code),
        }

    if original.pk != page.pk:
        return {"translationOfWork": ref(original)}
    others = [ref(v) for v in versions if v.pk != page.pk]
    return {"workTranslation": others} if others else {}


def _competency_terms(standard, url):
    return [
        {
            "@type": "DefinedTerm",
            "termCode": unit.value["code"],
            "name": unit.value["title"],
            "description": "; ".join(unit.value["performance_criteria"]),
            "inDefinedTermSet": {"@id": url, "name": standard.title},
        }
        for unit in standard.competencies
    ]


def _alignment(standard, url, alignment_type):
    return {
        "@type": "AlignmentObject",
        "alignmentType": alignment_type,
        "educationalFramework": standard.issuing_body,
        "targetName": standard.title,
        "targetUrl": url,
    }


def _standards(page, request):
    """(standard, absolute URL) of the live standards a course or certification links to,
    in the page's language where translated."""
    return [(standard, standard.get_full_url(request)) for standard in page.standards()]


def describe_course(page, request, data):
    standards = _standards(page, request)
    data["@type"] = "Course"
    data["courseCode"] = page.external_id
    data["provider"] = data["publisher"]
    if page.duration_hours:
        data["timeRequired"] = f"PT{page.duration_hours}H"
    teaches = [term for standard, url in standards for term in _competency_terms(standard, url)]
    if teaches:
        data["teaches"] = teaches
    if standards:
        data["educationalAlignment"] = [_alignment(s, url, "teaches") for s, url in standards]
        keys = [standard.translation_key for standard, _url in standards]
        credentials = visible_versions(
            CertificationPage, page.locale, standard_links__standard__translation_key__in=keys
        )
        certifications = CertificationPage.objects.filter(
            id__in=[v.id for v in credentials.values()]
        ).order_by("title")
        if certifications:
            data["educationalCredentialAwarded"] = [
                {
                    "@type": "EducationalOccupationalCredential",
                    "@id": c.get_full_url(request),
                    "name": c.title,
                }
                for c in certifications
            ]
    return data


def describe_material(page, request, data):
    data["@type"] = "LearningResource"
    data["learningResourceType"] = page.get_kind_display()
    return data


def _material_files(page, request, page_url):
    """``encoding``: the files of a material this visitor may download."""
    data = {}
    files = []
    for document in downloadable(request, page.files_by_language()):
        media = {
            "@type": "MediaObject",
            "@id": urljoin(page_url, document.url),
            "contentUrl": urljoin(page_url, document.url),
            "name": document.title,
            "inLanguage": bcp47(document.language),
            "encodingFormat": document.content_type,
        }
        if document.file_size:
            media["contentSize"] = f"{document.file_size} B"
        if document.checksum_sha256:
            media["sha256"] = document.checksum_sha256
        files.append(media)
    if files:
        data["encoding"] = files
    return data


def describe_certification(page, request, data):
    standards = _standards(page, request)
    recognised = localize_all(list(page.recognised_in.all()), page.locale)
    countries = [_country(country) for country in recognised.values()]
    data["@type"] = "EducationalOccupationalCredential"
    data["credentialCategory"] = "certificate"
    data["recognizedBy"] = [{"@type": "Organization", "name": page.awarding_body}, *countries]
    if countries:
        data["validIn"] = countries
    if page.validity_years:
        data["validFor"] = f"P{page.validity_years}Y"
    competencies = [
        term for standard, url in standards for term in _competency_terms(standard, url)
    ]
    if competencies:
        data["competencyRequired"] = competencies
    if standards:
        data["educationalAlignment"] = [_alignment(s, url, "assesses") for s, url in standards]
    return data


def describe_standard(page, request, data):
    data["@type"] = "DefinedTermSet"
    data["identifier"] = [page.external_id, page.code]
    data["version"] = page.version
    data["author"] = {"@type": "Organization", "name": page.issuing_body}
    if page.issued_on:
        data["dateCreated"] = page.issued_on.isoformat()
    terms = _competency_terms(page, data["url"])
    for term in terms:
        del term["inDefinedTermSet"]  # the set is this very node
    if terms:
        data["hasDefinedTerm"] = terms
    return data


DESCRIBERS = {
    CoursePage: describe_course,
    TeachingMaterialPage: describe_material,
    CertificationPage: describe_certification,
    VocationalStandardPage: describe_standard,
}
