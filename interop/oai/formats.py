"""The metadata formats records are disseminated in, each declared once (prefix, schema,
namespace and writer): ListMetadataFormats, GetRecord and the lists read them from here.

- ``oai_dc``: simple Dublin Core, which every OAI-PMH repository must offer.
- ``lom``: IEEE LOM in its XML binding (IEEE 1484.12.3). LOM is what open educational
  resource federations harvest, and it says what Dublin Core cannot: a langstring per
  language, the educational context and level, and typed relations between the
  translations of a resource.
"""

from dataclasses import dataclass

from .dates import to_datestamp
from .xml import child, root

DC = "http://purl.org/dc/elements/1.1/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
LOM = "http://ltsc.ieee.org/xsd/LOM"
LOM_VOCABULARY = "LOMv1.0"
# The DCMI Type of every resource: pages of text (with their files attached).
DCMI_TYPE = "Text"


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    write: object  # RecordContent -> lxml element


def write_dublin_core(content):
    """Simple Dublin Core of one translation, in its language. Harvesters of other
    instances of this site read: dc:identifier (the permanent link, then the page's
    address), dc:language, dc:relation (the other translations' permanent links), dc:type
    (the resource type's name, then the DCMI type) and dc:publisher (the institution)."""
    page = content.page
    dc = root(
        OAI_DC,
        "dc",
        "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
        {"oai_dc": OAI_DC, "dc": DC},
    )
    child(dc, DC, "title", page.title)
    child(dc, DC, "creator", content.institution)
    for subject in [sector.name for sector in content.sectors] + content.tags:
        child(dc, DC, "subject", subject)
    child(dc, DC, "description", page.summary)
    child(dc, DC, "publisher", content.institution)
    if page.first_published_at:
        child(dc, DC, "date", to_datestamp(page.first_published_at))
    child(dc, DC, "type", content.resource_type)
    child(dc, DC, "type", DCMI_TYPE)
    child(dc, DC, "format", "text/html")
    child(dc, DC, "identifier", content.permanent_url)
    child(dc, DC, "identifier", content.page_url)
    child(dc, DC, "language", content.language_tag)
    for _language, url in content.other_translations:
        child(dc, DC, "relation", url)
    for country in content.countries:
        child(dc, DC, "coverage", country.name)
    if content.licence:
        child(dc, DC, "rights", content.licence)
    return dc


def write_lom(content):
    """IEEE LOM of one translation: its texts as langstrings of its language."""
    page, tag = content.page, content.language_tag
    lom = root(LOM, "lom", "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd", {None: LOM})

    def langstring(parent, name, text):
        element = child(parent, LOM, name)
        child(element, LOM, "string", text, language=tag)
        return element

    def vocabulary(parent, name, value):
        element = child(parent, LOM, name)
        child(element, LOM, "source", LOM_VOCABULARY)
        child(element, LOM, "value", value)
        return element

    def uri(parent, url):
        identifier = child(parent, LOM, "identifier")
        child(identifier, LOM, "catalog", "URI")
        child(identifier, LOM, "entry", url)

    general = child(lom, LOM, "general")
    uri(general, content.permanent_url)
    identifier = child(general, LOM, "identifier")
    child(identifier, LOM, "catalog", "external-id")
    child(identifier, LOM, "entry", page.external_id)
    langstring(general, "title", page.title)
    child(general, LOM, "language", tag)
    langstring(general, "description", page.summary)
    for keyword in content.tags:
        langstring(general, "keyword", keyword)
    for country in content.countries:
        langstring(general, "coverage", country.name)

    life_cycle = child(lom, LOM, "lifeCycle")
    contribute = child(life_cycle, LOM, "contribute")
    vocabulary(contribute, "role", "publisher")
    child(contribute, LOM, "entity", _vcard(content.institution))
    if page.first_published_at:
        date = child(contribute, LOM, "date")
        child(date, LOM, "dateTime", to_datestamp(page.first_published_at))

    meta = child(lom, LOM, "metaMetadata")
    child(meta, LOM, "metadataSchema", "LOMv1.0")
    child(meta, LOM, "language", tag)

    technical = child(lom, LOM, "technical")
    child(technical, LOM, "format", "text/html")
    child(technical, LOM, "location", content.page_url)

    educational = child(lom, LOM, "educational")
    vocabulary(educational, "context", "training")  # vocational education and training
    child(educational, LOM, "language", tag)

    rights = child(lom, LOM, "rights")
    vocabulary(rights, "copyrightAndOtherRestrictions", "yes")
    if content.licence:
        langstring(rights, "description", content.licence)

    for _language, url in content.other_translations:
        relation = child(lom, LOM, "relation")
        vocabulary(relation, "kind", "hasversion")
        uri(child(relation, LOM, "resource"), url)

    if content.sectors:
        _classification(
            lom, "discipline", "sectors", [(s.code, s.name) for s in content.sectors], tag
        )
    if content.level is not None:
        level = content.level
        _classification(
            lom, "educational level", level.framework, [(str(level.level), level.name)], tag
        )
    return lom


def _classification(lom, purpose, source, taxa, tag):
    classification = child(lom, LOM, "classification")
    kind = child(classification, LOM, "purpose")
    child(kind, LOM, "source", LOM_VOCABULARY)
    child(kind, LOM, "value", purpose)
    path = child(classification, LOM, "taxonPath")
    child(child(path, LOM, "source"), LOM, "string", source)
    for code, name in taxa:
        taxon = child(path, LOM, "taxon")
        child(taxon, LOM, "id", code)
        child(child(taxon, LOM, "entry"), LOM, "string", name, language=tag)


def _vcard(name):
    """The institution as LOM's entity: a vCard (its name escaped as vCard requires)."""
    escaped = name.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return f"BEGIN:VCARD\nVERSION:3.0\nFN:{escaped}\nORG:{escaped}\nEND:VCARD"


FORMATS = {
    "oai_dc": MetadataFormat(
        "oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC, write_dublin_core
    ),
    "lom": MetadataFormat("lom", "http://ltsc.ieee.org/xsd/lomv1.0/lom.xsd", LOM, write_lom),
}
