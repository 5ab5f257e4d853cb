"""The demo's resources as rows of a catalogue, in the importer's own columns (docs/import.md):
each programme becomes a standard, a teaching material (with files), a course and a
certification, linked to each other, in zh-hans, en and the programme's Mekong language.

The loader hands these rows to the importer, which compares them with the pages and writes
only what differs, as it does for a member institution's spreadsheet."""

import datetime
import json
from collections import Counter

from django.utils.text import slugify

from resources.importing.columns import ALL_COLUMNS
from resources.importing.readers import Catalogue, RawRow

from . import data
from .resource_types import ID_PARTS, models_for
from .texts import (
    ProgrammeText,
    course_hours,
    extra_chinese_hours,
    programme_languages,
)

LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0"]
DELIVERY_MODES = ["workshop", "blended", "workshop", "online"]
VALIDITY_YEARS = [3, 5, None, 2]
FIRST_ISSUE = datetime.date(2025, 10, 20)  # the month approved workshops were announced
INSTITUTIONS = {item["slug"]: item for item in data.INSTITUTIONS}

# Every column the importer knows: the demo describes each resource in full. Its translations
# share the original's external_id, so it never needs translation_of.
COLUMNS = [column for column in ALL_COLUMNS if column != "translation_of"]


def external_ids(programmes):
    """{programme index: {kind: external id}}, numbered per institution: YNMEC-COURSE-002."""
    seen = Counter()
    ids = {}
    for index, programme in enumerate(programmes):
        institution = INSTITUTIONS[programme["institution"]]
        seen[institution["slug"]] += 1
        ids[index] = {
            kind: f"{institution['code']}-{part}-{seen[institution['slug']]:03d}"
            for kind, part in ID_PARTS.items()
        }
    return ids


def section_languages(programmes):
    """{institution slug: [languages its section is needed in]}, zh-hans first."""
    languages = {}
    for programme in programmes:
        wanted = languages.setdefault(programme["institution"], [])
        wanted += [lang for lang in programme_languages(programme) if lang not in wanted]
    return languages


def programme_texts(programme):
    """{language: ProgrammeText}, the Mekong language falling back on the English detail."""
    institution = INSTITUTIONS[programme["institution"]]
    english = ProgrammeText(programme, institution, "en")
    return {
        lang: english if lang == "en" else ProgrammeText(programme, institution, lang, english)
        for lang in programme_languages(programme)
    }


def stream(blocks):
    return json.dumps(blocks, ensure_ascii=False)


def demo_catalogue(material_files):
    """The Catalogue of every demo resource; ``material_files``: {programme index: [document
    IDs of its teaching material's files]}."""
    rows = CatalogueRows(material_files).rows()
    return Catalogue("the demo catalogue", COLUMNS, rows, has_header=True)


class CatalogueRows:
    def __init__(self, material_files):
        self.material_files = material_files
        models_for(ID_PARTS)  # every resource type has its demo data
        self.ids = external_ids(data.PROGRAMMES)
        chinese = next(i for i, p in enumerate(data.PROGRAMMES) if not extra_chinese_hours(p))
        self.chinese_material_id = self.ids[chinese]["material"]
        # (external id, language) of the rows so far: a resource links only those before it.
        self.written = set()

    def rows(self):
        rows = []
        for index, programme in enumerate(data.PROGRAMMES):
            texts = programme_texts(programme)
            ids = self.ids[index]
            for kind in ID_PARTS:  # the types others link to first
                for lang, text in texts.items():
                    cells = {
                        **self.common(index, programme, texts["en"], text, kind, ids[kind]),
                        **getattr(self, kind)(index, programme, text, ids, lang),
                    }
                    rows.append(RawRow(len(rows) + 2, cells))  # line 1 is the header
                    self.written.add((ids[kind], lang))
        return rows

    def common(self, index, programme, english, text, kind, external_id):
        framework, level = programme["level"]
        return {
            "external_id": external_id,
            "type": kind,
            "language": text.lang,
            "slug": slugify(english.title(kind)),  # the same in every language
            "title": text.title(kind),
            "summary": text.summary(kind),
            "description": stream(text.body(kind)),
            "institution": programme["institution"],
            "country": list(programme["countries"]),
            "sector": list(programme["sectors"]),
            "level": f"{framework}-{level}",
            "tags": list(programme["tags"]),
            "licence": LICENCES[index % len(LICENCES)],
        }

    def linked(self, external_ids, lang):
        """These resources, leaving out those with no row in ``lang`` before this one."""
        return [i for i in external_ids if (i, lang) in self.written]

    def standard(self, index, programme, text, ids, lang):
        country = INSTITUTIONS[programme["institution"]]["country"]
        code = f"LM-{country}-" + ids["standard"].replace("-STD-", "-")  # LM-CN-YNMEC-002
        return {
            "code": code,
            "version": "1.0",
            "issuing_body": text.detail("issuing"),
            "issued_on": (FIRST_ISSUE + datetime.timedelta(days=7 * index)).isoformat(),
            "competencies": stream(text.competencies(code)),
        }

    def material(self, index, programme, text, ids, lang):
        return {
            "kind": programme["material_kind"],
            "files": [str(pk) for pk in self.material_files[index]],
        }

    def course(self, index, programme, text, ids, lang):
        materials = [ids["material"]]
        if extra_chinese_hours(programme):
            materials.append(self.chinese_material_id)
        return {
            "duration_hours": str(course_hours(programme)),
            "delivery_mode": DELIVERY_MODES[index % len(DELIVERY_MODES)],
            "chinese_language_hours": str(text.context["chinese"]),
            "modules": stream(text.modules()),
            "standards": self.linked([ids["standard"]], lang),
            "materials": self.linked(materials, lang),
        }

    def certification(self, index, programme, text, ids, lang):
        validity = VALIDITY_YEARS[index % len(VALIDITY_YEARS)]
        return {
            "awarding_body": text.detail("awarding"),
            "assessment_method": text.detail("assessment"),
            "validity_years": "" if validity is None else str(validity),
            "recognised_in": list(programme["countries"]),
            "standards": self.linked([ids["standard"]], lang),
        }
