"""Resumption tokens that need no server state, so that they survive a restart and any
number of workers: each is signed (``django.core.signing``) and carries the request's
arguments, the ``until`` bound fixed by the list's first request (so that what is published
during a harvest waits for the next one) and a keyset cursor, the (datestamp, id) of the
last record sent, so that a record changing meanwhile is neither skipped nor repeated
within the list (records are dated to the microsecond, though datestamps show seconds, so
that one published in the second a list began is left for the next harvest, whose ``from``
is that second). An expired, forged or garbled token is refused."""

from dataclasses import asdict, dataclass

from django.conf import settings
from django.core import signing

SALT = "interop.oai.resumption"


class BadToken(ValueError):
    pass


@dataclass(frozen=True)
class ListPosition:
    verb: str
    prefix: str
    set_spec: str | None
    start: str | None  # ``from``, ISO 8601
    until: str  # fixed by the first request, ISO 8601 to the microsecond
    after: tuple | None  # (datestamp to the microsecond, id) of the last record sent
    sent: int  # how many records the earlier pages held: the ``cursor`` attribute
    total: int  # ``completeListSize``, counted by the first request


def encode(position):
    return signing.dumps(asdict(position), salt=SALT, compress=True)


def decode(token, verb):
    """The list position a token names, for ``verb``; BadToken if it is not one of ours,
    is too old or belongs to another verb."""
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.OAI_TOKEN_MAX_AGE)
        data["after"] = tuple(data["after"]) if data["after"] is not None else None
        position = ListPosition(**data)
    except (signing.BadSignature, TypeError, KeyError, ValueError) as error:
        raise BadToken(str(error)) from error
    if position.verb != verb:
        raise BadToken("The token belongs to another verb.")
    return position
