"""Every alliance language has an analyzer in the discovery index: a system check fails at
start-up (and in ``manage.py check``) when one is missing, or left over."""

from django.core import checks

from discovery import mapping

# ---------- Analyzers ----------


def analyzer_errors():
    return [error.id for error in checks.run_checks() if error.id.startswith("search.")]


def test_every_language_has_an_analyzer():
    assert analyzer_errors() == []


def test_a_language_without_an_analyzer_fails_the_checks(monkeypatch):
    analyzers = {code: a for code, a in mapping.LANGUAGE_ANALYZERS.items() if code != "lo"}
    monkeypatch.setattr(mapping, "LANGUAGE_ANALYZERS", analyzers)

    assert analyzer_errors() == ["search.E001"]


def test_an_analyzer_without_a_language_fails_the_checks(monkeypatch):
    analyzers = {**mapping.LANGUAGE_ANALYZERS, "fr": mapping.folded}
    monkeypatch.setattr(mapping, "LANGUAGE_ANALYZERS", analyzers)

    assert analyzer_errors() == ["search.E002"]
