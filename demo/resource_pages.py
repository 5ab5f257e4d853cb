"""The resource pages, written through the importer: the teaching materials' files are stored
first (the catalogue names them by document ID), then the demo catalogue is checked and
written by the importer's own compare-and-write code, published at once."""

from dataclasses import dataclass

from resources.importing.plan import Action, build_plan
from resources.importing.upsert import write_plan

from . import data, media
from .catalogue import INSTITUTIONS, LICENCES, demo_catalogue, external_ids, programme_texts
from .files import get_collection, upsert_document
from .taxonomy import collection_name
from .texts import material_languages


class DemoCatalogueError(Exception):
    """The demo's own rows do not pass the importer's checks: a bug in the demo data."""


@dataclass
class ImportReport:
    """What the importer made of the demo catalogue: its plan and what writing it did."""

    plan: object
    outcome: object

    def count(self, *actions):
        return self.plan.count(*actions)


def load_resources(levels, tally):
    """Import the demo catalogue; returns the ImportReport."""
    ids = external_ids(data.PROGRAMMES)
    files = {
        index: [
            document.pk
            for document in material_documents(index, programme, ids[index], levels, tally)
        ]
        for index, programme in enumerate(data.PROGRAMMES)
    }
    plan = build_plan(demo_catalogue(files), publish=True)
    if plan.errors:
        raise DemoCatalogueError("\n".join(str(error) for error in plan.errors))
    outcome = write_plan(plan, publish=True)
    tally["created", "page"] += outcome.counts[Action.CREATE] + outcome.counts[Action.TRANSLATE]
    tally["updated", "page"] += outcome.counts[Action.UPDATE] + outcome.counts[Action.PUBLISH]
    return ImportReport(plan, outcome)


def material_documents(index, programme, ids, levels, tally):
    """An English PDF, a Chinese handout and one in the programme's Mekong language."""
    institution = INSTITUTIONS[programme["institution"]]
    collection = get_collection(collection_name(institution), tally)
    texts = programme_texts(programme)
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
                pdf_facts(index, programme, english, external_id, levels),
                [(m["value"]["title"], m["value"]["hours"]) for m in english.modules()],
                external_id,
            )
        else:
            filename = f"{external_id.lower()}-{lang}.txt"
            modules = [f"- {m['value']['title']} ({m['value']['hours']} h)" for m in text.modules()]
            content = media.handout_txt(
                text.title("material"), [text.summary("material"), "", *modules]
            )
        documents.append(upsert_document(title, collection, filename, content, lang, tally))
    return documents


def pdf_facts(index, programme, english, external_id, levels):
    index = data.PROGRAMMES.index(programme)
    return [
        ("External ID", external_id),
        ("Institution", english.context["institution"]),
        ("Kind", english.context["Kind"]),
        ("Level", levels[programme["level"]]["en"].name),
        ("Countries", english.context["countries"]),
        ("Course hours", english.context["hours"]),
        ("Licence", LICENCES[index % len(LICENCES)]),
    ]
