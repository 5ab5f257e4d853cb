"""What a harvest reports, kept untranslated and shown in each reader's language: a run is
read by the secretariat and administrators in seven languages, long after it ran."""

from django.utils.translation import gettext


def note(text, **params):
    """A report: ``text`` marked with ``gettext_noop`` (it is translated when shown) and
    its values as plain text."""
    return {"text": text, "params": {name: str(value) for name, value in params.items()}}


def shown(report):
    """A report in the active language ("" for none)."""
    if not report:
        return ""
    text = gettext(report["text"])
    return text % report["params"] if report["params"] else text
