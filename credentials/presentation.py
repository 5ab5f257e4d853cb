"""What a certificate says, for people: read from the signed credential itself (so a pasted one
reads the same as ours), each text in the reader's language where the credential has it."""

from datetime import datetime

from django.utils.translation import gettext as _

from credentials.identities import absolute
from resources.models import NATIONAL_FRAMEWORKS
from resources.permalinks import public_translations


def _text(node, key, language):
    """``key``'s value of ``node``: from its language map in ``language`` when there is one."""
    by_language = node.get(f"{key}Map")
    if isinstance(by_language, dict) and isinstance(by_language.get(language), str):
        return by_language[language]
    value = node.get(key)
    return value if isinstance(value, str) else ""


def _list(value):
    """``value`` as a list of objects (a pasted credential may hold anything anywhere)."""
    items = value if isinstance(value, list) else [value]
    return [item for item in items if isinstance(item, dict)]


def _web_link(value):
    """``value`` when it is an http(s) address, else "": a pasted credential's links are shown
    as links, and a "javascript:" one must not be."""
    if isinstance(value, str) and value.lower().startswith(("https://", "http://")):
        return value
    return ""


def _date(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None


def _permalink_in(url, language):
    """A certification's permanent link in the reader's language (``/r/<id>/<language>``)."""
    url = _web_link(url)
    return f"{url.rstrip('/')}/{language}" if "/r/" in url else url


def level_in_words(alignment):
    """ "Lao National Qualifications Framework, level 3" in the reader's language, from the
    level's code ("LA-LNQF-3"); the credential's own words for a framework we do not know."""
    if not alignment:
        return ""
    framework, _sep, level = str(alignment.get("targetCode", "")).rpartition("-")
    if framework in NATIONAL_FRAMEWORKS and level.isdigit():
        return _("%(framework)s, level %(level)s") % {
            "framework": NATIONAL_FRAMEWORKS[framework][0],
            "level": level,
        }
    if framework == "AQRF" and level.isdigit():
        return _("AQRF level %(level)s") % {"level": level}
    return str(alignment.get("targetName", ""))


def _our_external_id(url):
    """The external ID of one of this repository's resources named by its permanent link."""
    prefix = absolute("/r/")
    if not url.startswith(prefix):
        return None
    return url.removeprefix(prefix).split("#")[0].split("/")[0] or None


def in_reader_language(standard, language):
    """A standard the certificate names, with its title, units and link in ``language`` when
    this repository has it in that language (the credential holds the certificate's)."""
    external_id = _our_external_id(standard["targetUrl"])
    translations = public_translations(external_id) if external_id else []
    page = next((p for p in translations if p.locale.language_code == language), None)
    if page is None:
        return standard
    titles = {
        unit.value["code"]: unit.value["title"]
        for unit in page.specific.competencies
        if unit.block_type == "competency"
    }
    units = [
        {**unit, "targetName": titles.get(unit.get("targetCode"), unit.get("targetName"))}
        for unit in standard["units"]
    ]
    return {
        **standard,
        "targetName": page.title,
        "targetUrl": absolute(f"/r/{external_id}/{language}"),
        "units": units,
    }


def describe(credential, language):
    """A plain dict of what ``credential`` means; empty when it is not an Open Badges one."""
    if not isinstance(credential, dict):
        return {}
    subject = credential.get("credentialSubject")
    subject = subject if isinstance(subject, dict) else {}
    achievement = subject.get("achievement")
    achievement = achievement if isinstance(achievement, dict) else {}
    issuer = credential.get("issuer")
    issuer = issuer if isinstance(issuer, dict) else {"id": issuer}
    learner = ""
    for identity in _list(subject.get("identifier")):
        if identity.get("identityType") == "name" and isinstance(identity.get("identityHash"), str):
            learner = identity["identityHash"]
    alignments = [
        {**alignment, "targetUrl": _web_link(alignment.get("targetUrl"))}
        for alignment in _list(achievement.get("alignment"))
    ]
    by_type = {}
    for alignment in alignments:
        by_type.setdefault(alignment.get("targetType"), []).append(alignment)
    standards = []
    for standard in by_type.get("ext:VocationalStandard", []):
        units = [
            unit
            for unit in by_type.get("ceasn:Competency", [])
            if standard["targetUrl"] and unit["targetUrl"].startswith(standard["targetUrl"] + "#")
        ]
        standards.append(in_reader_language({**standard, "units": units}, language))
    results = [r.get("value") for r in _list(subject.get("result"))]
    url = achievement.get("id", "")
    valid_from, valid_until = (
        _date(credential.get("validFrom")),
        _date(credential.get("validUntil")),
    )
    return {
        "learner": learner,
        "name": _text(achievement, "name", language),
        "description": _text(achievement, "description", language),
        "criteria": (achievement.get("criteria") or {}).get("narrative", "")
        if isinstance(achievement.get("criteria"), dict)
        else "",
        "issuer": issuer.get("name", "") if isinstance(issuer.get("name"), str) else "",
        "issuer_id": issuer.get("id", ""),
        "code": achievement.get("humanCode", ""),
        "language": achievement.get("inLanguage", ""),
        "national_level": level_in_words(
            (by_type.get("ext:NationalQualificationLevel") or [None])[0]
        ),
        "aqrf_level": level_in_words((by_type.get("ext:AQRFLevel") or [None])[0]),
        "standards": standards,
        "result": ", ".join(str(r) for r in results if r),
        "valid_from": valid_from,
        "valid_until": valid_until,
        "awarded": _date(credential.get("awardedDate")),
        "certification_url": _permalink_in(url, language) if isinstance(url, str) else "",
        "never_expires": valid_until is None,
    }
