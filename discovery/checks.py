"""System checks of the discovery index's configuration, run by ``manage.py check`` and at
start-up: a language added to the site without an analyzer would index its text with none."""

from django.core.checks import Error

from digital_lm.languages import LANGUAGE_CODES
from discovery import mapping


def language_analyzers_check(app_configs=None, **kwargs):
    """Every alliance language has an analyzer in discovery.mapping, and every analyzer a
    language."""
    errors = [
        Error(
            f"The language {code!r} has no analyzer in the discovery index.",
            hint="Add it to discovery.mapping.LANGUAGE_ANALYZERS.",
            obj="discovery.mapping.LANGUAGE_ANALYZERS",
            id="search.E001",
        )
        for code in LANGUAGE_CODES
        if code not in mapping.LANGUAGE_ANALYZERS
    ]
    errors += [
        Error(
            f"The discovery index has an analyzer for {code!r}, which is not an alliance language.",
            hint="Remove it from discovery.mapping.LANGUAGE_ANALYZERS, or add the language to "
            "digital_lm.languages.LANGUAGES.",
            obj="discovery.mapping.LANGUAGE_ANALYZERS",
            id="search.E002",
        )
        for code in mapping.LANGUAGE_ANALYZERS
        if code not in LANGUAGE_CODES
    ]
    return errors
