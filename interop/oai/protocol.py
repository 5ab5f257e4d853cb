"""The protocol's verbs, the arguments each takes, and its errors."""

import re

# verb -> (required arguments, optional arguments); a resumptionToken, where a verb takes
# one, is exclusive: no other argument may come with it.
VERBS = {
    "Identify": (set(), set()),
    "ListMetadataFormats": (set(), {"identifier"}),
    "ListSets": (set(), {"resumptionToken"}),
    "GetRecord": ({"identifier", "metadataPrefix"}, set()),
    "ListIdentifiers": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
    "ListRecords": ({"metadataPrefix"}, {"from", "until", "set", "resumptionToken"}),
}


# Longer than any identifier, date, set or token of this repository.
MAX_ARGUMENT_LENGTH = 2000
# What XML 1.0 cannot carry: an argument holding it is refused, never echoed.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class OaiError(Exception):
    """An error the protocol names (``code``), told the harvester with ``message``."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


def bad_argument(message):
    return OaiError("badArgument", message)


def _shown(name):
    """An unknown argument's name as an error message may quote it."""
    return repr(_NOT_XML.sub("?", name[:100]))


def checked_arguments(query):
    """(verb, {argument: value}) of a request (GET or POST parameters), or OaiError:
    badVerb for a missing, repeated or unknown verb, badArgument for a repeated, unknown or
    missing argument, or one beside a resumption token."""
    verbs = query.getlist("verb")
    if len(verbs) != 1 or verbs[0] not in VERBS:
        raise OaiError("badVerb", "The verb is missing, repeated or not one of OAI-PMH's.")
    verb = verbs[0]
    required, optional = VERBS[verb]
    arguments = {}
    for name in query:
        if name == "verb":
            continue
        if name not in required | optional:
            raise bad_argument(f"{verb} takes no argument {_shown(name)}.")
        values = query.getlist(name)
        if len(values) != 1:
            raise bad_argument(f"The argument {name} is repeated.")
        if len(values[0]) > MAX_ARGUMENT_LENGTH or _NOT_XML.search(values[0]):
            raise bad_argument(f"The argument {name} is too long or holds control characters.")
        arguments[name] = values[0]
    if "resumptionToken" in arguments:
        if len(arguments) > 1:
            raise bad_argument("A resumptionToken is the only argument that may come with it.")
        return verb, arguments
    missing = required - arguments.keys()
    if missing:
        raise bad_argument(f"{verb} needs the argument(s) {', '.join(sorted(missing))}.")
    return verb, arguments
