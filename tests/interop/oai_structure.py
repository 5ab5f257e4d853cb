"""Every OAI-PMH answer the tests see is validated against the protocol's published schemas:
OAI-PMH.xsd (2004-10-12), oai_dc.xsd and simpledc20021212.xsd, as Debian ships them in the
DaCHS package that `scripts/bootstrap.sh --dev` fetches (pinned, checksummed) into
.test-schemas/oai/. They are read from there only: the addresses they import each other
by are resolved to those files, and nothing is fetched from the web.

No package ships the IEEE LOM binding (lom.xsd) or oai-identifier.xsd. An answer carrying
either is validated against OAI-PMH.xsd with its three "any other namespace" slots (metadata,
about, description) made lax, in memory: the envelope is still checked in full, Dublin Core
inside it still against its schema, and LOM by the hand checks below. The schemas cannot
check the values the protocol fixes beyond them (UTC datestamps to the second, schema
locations, no metadata in a deleted record): those are checked by hand."""

import functools
import re
from pathlib import Path

import pytest
from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
LOM = "http://ltsc.ieee.org/xsd/LOM"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XS = "http://www.w3.org/2001/XMLSchema"
NS = {"oai": OAI, "oai_dc": OAI_DC, "dc": DC, "lom": LOM}

SCHEMAS = Path(__file__).resolve().parents[2] / ".test-schemas" / "oai"
# The namespaces whose schemas are held, each at the address it is published at.
PUBLISHED = {
    OAI: "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd",
    OAI_DC: "http://www.openarchives.org/OAI/2.0/oai_dc.xsd",
}
UTC_SECONDS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


def q(namespace, name):
    return f"{{{namespace}}}{name}"


def children(element):
    return [c for c in element if isinstance(c.tag, str)]


class _LocalSchemas(etree.Resolver):
    """Resolves a schema's address, or the path another schema imports it by, to the file
    of that name in SCHEMAS; OAI-PMH.xsd with lax wildcards when asked."""

    def __init__(self, lax):
        super().__init__()
        self.lax = lax

    def resolve(self, url, public_id, context):
        path = SCHEMAS / url.rsplit("/", 1)[-1]
        if not path.is_file():
            return None  # the parser reads no network: the schema fails to load, saying which
        if self.lax and path.name == "OAI-PMH.xsd":
            schema = etree.parse(str(path))
            for wildcard in schema.iter(q(XS, "any")):
                wildcard.set("processContents", "lax")
            return self.resolve_string(etree.tostring(schema), context, base_url=str(path))
        return self.resolve_filename(str(path), context)


@functools.cache
def schema(lax=False):
    """OAI-PMH.xsd and oai_dc.xsd (with what they import) as one schema."""
    if not (SCHEMAS / "OAI-PMH.xsd").is_file():
        pytest.fail(
            "The OAI-PMH schemas are not installed: run `scripts/bootstrap.sh --dev`.",
            pytrace=False,
        )
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas(lax))
    imports = "".join(
        f'<xs:import namespace="{namespace}" schemaLocation="{location}"/>'
        for namespace, location in PUBLISHED.items()
    )
    return etree.XMLSchema(etree.XML(f'<xs:schema xmlns:xs="{XS}">{imports}</xs:schema>', parser))


def valid(document):
    """Assert ``document`` is valid: against the published schemas as they are when every
    part of it in another namespace has its schema here, else with lax wildcards."""
    slots = [q(OAI, "metadata"), q(OAI, "about"), q(OAI, "description")]
    foreign = {
        etree.QName(part).namespace
        for slot in document.iter(*slots)
        for part in children(slot)
    }  # fmt: skip
    validator = schema(lax=not foreign <= PUBLISHED.keys())
    if not validator.validate(document):
        errors = "\n".join(f"line {e.line}: {e.message}" for e in validator.error_log)
        raise AssertionError(f"The answer does not validate against OAI-PMH's schemas:\n{errors}")


def checked(body):
    """The parsed answer, after checking it against the schemas and the protocol."""
    document = etree.fromstring(body)
    valid(document)
    location = document.get(q(XSI, "schemaLocation")).split()
    assert location == [OAI, PUBLISHED[OAI]]
    response_date, request = children(document)[:2]
    assert UTC_SECONDS.match(response_date.text)
    assert request.text.startswith("http")
    for datestamp in document.iter(q(OAI, "datestamp")):
        assert UTC_SECONDS.match(datestamp.text)  # the granularity Identify announces
    for record in document.iter(q(OAI, "record")):
        _check_record(record)
    return document


def _check_record(record):
    header, *rest = children(record)
    if header.get("status") == "deleted":
        assert rest == []
        return
    assert [part.tag for part in rest] == [q(OAI, "metadata")]
    (metadata,) = children(rest[0])
    if metadata.tag == q(OAI_DC, "dc"):
        assert metadata.get(q(XSI, "schemaLocation")).split() == [OAI_DC, PUBLISHED[OAI_DC]]
        assert all(element.text for element in children(metadata))
    else:
        # No package ships lom.xsd: the LOM binding's namespace is checked by hand.
        assert metadata.tag == q(LOM, "lom")
        assert metadata.get(q(XSI, "schemaLocation")).split()[0] == LOM
        assert all(
            e.tag.startswith(f"{{{LOM}}}") for e in metadata.iter() if isinstance(e.tag, str)
        )
