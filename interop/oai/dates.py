"""OAI-PMH datestamps: UTC, to the second (``YYYY-MM-DDThh:mm:ssZ``); ``from`` and ``until``
also accept a day (``YYYY-MM-DD``)."""

import datetime
import re

GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECOND = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")


class BadDate(ValueError):
    pass


def to_datestamp(moment):
    """``moment`` (aware) as an OAI-PMH datestamp."""
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def to_text(moment):
    """``moment`` to the microsecond, as a resumption token keeps it."""
    return moment.isoformat()


def from_text(value):
    return datetime.datetime.fromisoformat(value)


def whole_second(moment):
    """``moment`` in UTC without its fraction of a second: what a datestamp can say."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0)


def parse(value, upper=False):
    """(moment, granularity) of a ``from`` (or, ``upper``, an ``until``) argument: a day
    or a second stands for its beginning, or for its end as an upper bound."""
    try:
        if _SECOND.match(value):
            moment = datetime.datetime.strptime(value, "%Y-%m-%dT%H:%M:%SZ")
            moment = moment.replace(tzinfo=datetime.UTC)
            if upper:  # the whole second: records are dated more finely than they show
                moment += datetime.timedelta(microseconds=999999)
            return moment, "second"
        if _DAY.match(value):
            day = datetime.datetime.strptime(value, "%Y-%m-%d").replace(tzinfo=datetime.UTC)
            if upper:
                day += datetime.timedelta(days=1, seconds=-1)
            return day, "day"
    except ValueError as error:
        raise BadDate(f"Not a date: {value}") from error
    raise BadDate(f"Not a date of the repository's granularities: {value}")
