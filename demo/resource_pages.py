"""The resources: each programme becomes a standard, a teaching material (with files), a course
and a certification, linked to each other, in zh-hans, en and the programme's Mekong language."""

import datetime
from collections import Counter

from django.utils.text import slugify

from . import data, media
from .files import get_collection, upsert_document
from .resource_types import ID_PARTS, models_for
from .sync import sync_page
from .taxonomy import collection_name
from .texts import (
    ProgrammeText,
    course_hours,
    extra_chinese_hours,
    material_languages,
    programme_languages,
)
from .tree import find_or_new, local, translated

LICENCES = ["CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0"]
DELIVERY_MODES = ["workshop", "blended", "workshop", "online"]
VALIDITY_YEARS = [3, 5, None, 2]
FIRST_ISSUE = datetime.date(2025, 10, 20)  # the month approved workshops were announced
INSTITUTIONS = {item["slug"]: item for item in data.INSTITUTIONS}


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


class ProgrammeLoader:
    def __init__(self, locales, snippets, sections, tally):
        self.locales = locales
        self.countries, self.sectors, self.levels, self.institutions = snippets
        self.sections = sections
        self.tally = tally
        self.pages = {}  # (external id, language) -> page, to link resources to each other
        self.documents = {}  # programme index -> its material's documents
        self.models = models_for(ID_PARTS)  # in loading order: link targets first
        self.ids = external_ids(data.PROGRAMMES)
        chinese = next(i for i, p in enumerate(data.PROGRAMMES) if not extra_chinese_hours(p))
        self.chinese_material_id = self.ids[chinese]["material"]

    def load(self):
        for index, programme in enumerate(data.PROGRAMMES):
            self.load_programme(index, programme)
        return self.pages

    def load_programme(self, index, programme):
        institution = INSTITUTIONS[programme["institution"]]
        english = ProgrammeText(programme, institution, "en")
        texts = {
            lang: english if lang == "en" else ProgrammeText(programme, institution, lang, english)
            for lang in programme_languages(programme)
        }
        ids = self.ids[index]
        self.documents[index] = self.material_documents(index, programme, institution, ids, texts)
        for kind, model in self.models.items():
            source = None
            for lang, text in texts.items():
                locale = self.locales[lang]
                parent = self.sections[(programme["institution"], lang)]
                slug = slugify(english.title(kind))
                page = (
                    find_or_new(model, locale, {"external_id": ids[kind]}, slug=slug)
                    if source is None
                    else translated(model, source, locale, slug=slug)
                )
                fields = self.common_fields(index, programme, text, kind, ids[kind], lang)
                specific, links = getattr(self, f"{kind}_fields")(index, programme, text, ids, lang)
                self.pages[(ids[kind], lang)] = sync_page(
                    page, parent, {**fields, **specific}, self.tally, programme["tags"], links
                )
                source = source or page

    def common_fields(self, index, programme, text, kind, external_id, lang):
        return {
            "title": text.title(kind),
            "external_id": external_id,
            "summary": text.summary(kind),
            "body": text.body(kind),
            "institution": local(self.institutions[programme["institution"]], lang),
            "sectors": [local(self.sectors[code], lang) for code in programme["sectors"]],
            "countries": [self.countries[code][lang] for code in programme["countries"]],
            "level": local(self.levels[programme["level"]], lang),
            "licence": LICENCES[index % len(LICENCES)],
        }

    def linked(self, external_ids, lang):
        """The pages in ``lang`` of these resources; those not translated into it are left out."""
        return [self.pages[(i, lang)] for i in external_ids if (i, lang) in self.pages]

    def standard_fields(self, index, programme, text, ids, lang):
        country = INSTITUTIONS[programme["institution"]]["country"]
        code = f"LM-{country}-" + ids["standard"].replace("-STD-", "-")  # LM-CN-YNMEC-002
        return {
            "code": code,
            "version": "1.0",
            "issuing_body": text.detail("issuing"),
            "issued_on": FIRST_ISSUE + datetime.timedelta(days=7 * index),
            "competencies": text.competencies(code),
        }, {}

    def material_fields(self, index, programme, text, ids, lang):
        return {"kind": programme["material_kind"]}, {"files": ("document", self.documents[index])}

    def course_fields(self, index, programme, text, ids, lang):
        materials = [ids["material"]]
        if extra_chinese_hours(programme):
            materials.append(self.chinese_material_id)
        return {
            "duration_hours": course_hours(programme),
            "delivery_mode": DELIVERY_MODES[index % len(DELIVERY_MODES)],
            "chinese_language_hours": text.context["chinese"],
            "modules": text.modules(),
        }, {
            "standard_links": ("standard", self.linked([ids["standard"]], lang)),
            "material_links": ("material", self.linked(materials, lang)),
        }

    def certification_fields(self, index, programme, text, ids, lang):
        return {
            "awarding_body": text.detail("awarding"),
            "assessment_method": text.detail("assessment"),
            "validity_years": VALIDITY_YEARS[index % len(VALIDITY_YEARS)],
            "recognised_in": [self.countries[code][lang] for code in programme["countries"]],
        }, {"standard_links": ("standard", self.linked([ids["standard"]], lang))}

    def material_documents(self, index, programme, institution, ids, texts):
        """An English PDF, a Chinese handout and one in the programme's Mekong language."""
        collection = get_collection(collection_name(institution), self.tally)
        english = texts["en"]
        external_id = ids["material"]
        documents = []
        for lang in material_languages(programme):
            text = texts[lang]
            # Titled in its own language: the title is also the name a download is saved under.
            title = text.title("material")
            if lang == "en":
                filename = f"{external_id.lower()}-en.pdf"
                content = media.material_pdf(
                    english.title("material"),
                    self.pdf_facts(index, programme, english, external_id),
                    [(m["value"]["title"], m["value"]["hours"]) for m in english.modules()],
                    external_id,
                )
            else:
                filename = f"{external_id.lower()}-{lang}.txt"
                modules = [
                    f"- {m['value']['title']} ({m['value']['hours']} h)" for m in text.modules()
                ]
                content = media.handout_txt(
                    text.title("material"), [text.summary("material"), "", *modules]
                )
            documents.append(
                upsert_document(title, collection, filename, content, lang, self.tally)
            )
        return documents

    def pdf_facts(self, index, programme, english, external_id):
        level = self.levels[programme["level"]]["en"]
        return [
            ("External ID", external_id),
            ("Institution", english.context["institution"]),
            ("Kind", english.context["Kind"]),
            ("Level", level.name),
            ("Countries", english.context["countries"]),
            ("Course hours", english.context["hours"]),
            ("Licence", LICENCES[index % len(LICENCES)]),
        ]
