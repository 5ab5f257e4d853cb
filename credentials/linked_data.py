"""JSON-LD for credentials: the pinned contexts (never fetched), RDFC-1.0 canonical N-Quads, and
the "safe mode" check that every term of a document is defined, so that nothing goes unsigned.

pyld is the maintained JSON-LD processor for Python; two gaps of it are closed here: its N-Quads
escaping (RDFC-1.0 escapes more control characters) and its lack of a safe mode.
"""

import hashlib
import json
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from pyld import canon as pyld_canon
from pyld import jsonld
from pyld import nquads as pyld_nquads

CONTEXTS_DIR = Path(__file__).parent / "contexts"

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
DID_V1 = "https://www.w3.org/ns/did/v1"
MULTIKEY_V1 = "https://w3id.org/security/multikey/v1"


class ContextPinMismatch(RuntimeError):
    """A stored context file does not have the SHA-256 it was pinned with."""


class UnsafeDocument(ValueError):
    """A document uses a term or type its contexts do not define: it would be signed without it."""


class TooComplex(UnsafeDocument):
    """Canonicalising the document would take more work than any certificate needs."""


# Blank nodes that look alike make canonicalisation try their permutations: a crafted document
# can ask for billions (a "poison graph"). rdf-canonize bounds this work; pyld does not, so each
# permutation tried is counted against a budget no certificate of ours comes near.
MAX_PERMUTATIONS = 5_000
_budget = ContextVar("canonicalisation_budget", default=None)
_all_permutations = pyld_canon.permutations


def _counted_permutations(elements):
    for permutation in _all_permutations(elements):
        budget = _budget.get()
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise TooComplex("the document is too complex to canonicalise")
        yield permutation


pyld_canon.permutations = _counted_permutations  # hash_n_degree_quads looks this global up


@cache
def pinned_contexts():
    """URL → parsed context, each file checked against its SHA-256 in ``index.json``."""
    index = json.loads((CONTEXTS_DIR / "index.json").read_text())
    contexts = {}
    for url, entry in index.items():
        data = (CONTEXTS_DIR / entry["file"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise ContextPinMismatch(f"{entry['file']} does not match its pinned SHA-256")
        contexts[url] = json.loads(data)
    return contexts


def document_loader(url, options=None):
    try:
        document = pinned_contexts()[url]
    except KeyError:
        raise jsonld.JsonLdError(
            f"Only the pinned contexts are loaded, not {url}",
            "jsonld.LoadDocumentError",
            code="loading document failed",
        ) from None
    return {"contextUrl": None, "documentUrl": url, "document": document}


_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _rdfc10_escape(value):
    # RDFC-1.0 §4.3 (and rdf-canonize): \b and \f by name, other C0 controls and U+007F as
    # \uXXXX in upper-case hex. pyld 3.3 escapes only \\ \" \t \n \r.
    out = []
    for char in value:
        if char in _ECHAR:
            out.append(_ECHAR[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


pyld_nquads.escape = _rdfc10_escape  # serialize_nquad() looks this global up on each call

# As the eddsa-rdfc-2022 cryptosuites canonicalise: "@direction" becomes an i18n datatype (pyld
# would drop it silently otherwise), and no base IRI.
_CANON_OPTIONS = {
    "algorithm": "URDNA2015",  # pyld's name for RDFC-1.0's algorithm
    "format": "application/n-quads",
    "rdfDirection": "i18n-datatype",
    "base": None,
    "documentLoader": document_loader,
}


def canonical_nquads(document):
    token = _budget.set([MAX_PERMUTATIONS])
    try:
        return jsonld.normalize(document, dict(_CANON_OPTIONS))
    finally:
        _budget.reset(token)


def check_safe(document):
    """Raise ``UnsafeDocument`` naming each term or type the document's contexts leave undefined
    (a JSON-LD processor drops those, so a signature would not cover them)."""
    dropped = []
    try:
        expanded = jsonld.expand(
            document,
            {"documentLoader": document_loader, "base": None},
            on_property_dropped=dropped.append,
        )
    except jsonld.JsonLdError as error:
        raise UnsafeDocument(f"not valid JSON-LD: {error}") from error
    if dropped:
        raise UnsafeDocument(f"terms not defined by the @context: {', '.join(map(str, dropped))}")
    _check_iris(expanded)
    return expanded


def _check_iris(node):
    if isinstance(node, list):
        for item in node:
            _check_iris(item)
        return
    if not isinstance(node, dict):
        return
    types = node.get("@type", [])
    for name in types if isinstance(types, list) else []:
        if ":" not in name:
            raise UnsafeDocument(f"type {name!r} is not defined by the @context")
    node_id = node.get("@id")
    if isinstance(node_id, str) and ":" not in node_id:
        raise UnsafeDocument(f"relative identifier {node_id!r}")
    for key, value in node.items():
        if key != "@value":
            _check_iris(value)
