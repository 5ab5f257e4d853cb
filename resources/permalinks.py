"""Permanent links and citations of resources.

``/r/<external_id>`` leads to a resource's current page in the visitor's language, and
``/r/<external_id>/<language>`` to its page in that language (or, when it has none, the one
the visitor's fallback order gives): the external ID is shared by every translation and never
reused, so the link outlives moves, renames and new translations. Each page cites itself
with its permanent link, and exports the citation as RIS and BibTeX for reference managers.
Only live, public pages are ever named; anything else is "not found".
"""

import re
from functools import wraps

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from digital_lm.languages import LANGUAGE_CODES, accepted_languages
from resources.localization import localize_all, shown_translation
from resources.models.base import resource_page_models

PUBLISHER = "Digital Lancang-Mekong"
# Characters BibTeX reads as syntax in a field's value, and what stands for each.
_BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}


def public_translations(external_id):
    """The live, public translations of the resource with this external ID, the original
    first (empty when there is none)."""
    for model in resource_page_models():
        pages = model.objects.live().public().filter(external_id=external_id)
        first = pages.order_by("pk").first()
        if first is not None:
            same = pages.filter(translation_key=first.translation_key)
            return list(same.select_related("locale").order_by("pk"))
    return []


def permanent_url(page, request=None):
    """The permanent link of ``page`` in its language (absolute with a request)."""
    path = reverse("permanent_link_in", args=[page.external_id, page.locale.language_code])
    return request.build_absolute_uri(path) if request is not None else path


def _language(code):
    code = code.lower()
    if code not in LANGUAGE_CODES:
        raise Http404("No such language.")
    return code


def _translations(external_id):
    pages = public_translations(external_id)
    if not pages:
        raise Http404("No public resource has this identifier.")
    return pages


def _found_here(view):
    """An unknown identifier is "not found" at its own address: without this, the language
    middleware would send a 404 of an address without a language prefix on to the same
    address under one (a Wagtail page address that exists for any path)."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            request.urlconf = __name__  # these addresses only: none has a language prefix
            raise

    return answer


@_found_here
@require_safe
def permanent_link(request, external_id, language=None):
    """Redirect to the resource's page the visitor should read: temporarily (302), as the
    page's address may change and the permanent link never does."""
    pages = _translations(external_id)
    preferred = accepted_languages(request)
    if language is None:
        visitor = translation.get_language_from_request(request)
    else:
        visitor = _language(language)
    page = shown_translation(pages, visitor, preferred)
    response = redirect(page.get_url(request))
    if language is None:
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
    return response


@_found_here
@require_safe
def citation(request, external_id, language, format):
    """The citation of the resource's translation in ``language`` as a file to import into a
    reference manager: RIS (``ris``) or BibTeX (``bib``)."""
    language = _language(language)
    pages = {p.locale.language_code: p for p in _translations(external_id)}
    if language not in pages:
        raise Http404("The resource has no translation in this language.")
    page = pages[language]
    fields = citation_fields(page, request)
    if format == "ris":
        body, content_type = ris(page, fields), "application/x-research-info-systems"
    else:
        body, content_type = bibtex(page, fields), "application/x-bibtex"
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    filename = f"{_file_stem(page.external_id)}-{language}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def citation_fields(page, request):
    """What a citation says of a page, in the page's language, each on one line."""
    institution = localize_all([page.institution], page.locale)[page.institution]
    published = page.first_published_at
    return {
        "title": _one_line(page.title),
        "author": _one_line(institution.name),
        "summary": _one_line(page.summary),
        "year": str(published.year) if published else "",
        "date": published.strftime("%Y/%m/%d") if published else "",
        "url": permanent_url(page, request),
        "language": page.locale.language_code,
        "identifier": page.external_id,
    }


def ris(page, fields):
    """The RIS record (one tag a line; a value never spans lines, so none can add a tag)."""
    lines = [
        ("TY", page.citation_type),
        ("TI", fields["title"]),
        ("AU", fields["author"]),
        ("PY", fields["year"]),
        ("DA", fields["date"]),
        ("AB", fields["summary"]),
        ("LA", fields["language"]),
        ("PB", PUBLISHER),
        ("UR", fields["url"]),
        ("ID", fields["identifier"]),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines if value or tag == "ER")


def bibtex(page, fields):
    """The BibTeX entry: a ``@misc`` keyed by the external ID, the institution as a corporate
    author (in braces, so it is not split into names)."""
    entries = [
        ("title", f"{{{_bibtex_text(fields['title'])}}}"),
        ("author", f"{{{_bibtex_text(fields['author'])}}}"),
        ("year", _bibtex_text(fields["year"])),
        ("abstract", _bibtex_text(fields["summary"])),
        ("language", _bibtex_text(fields["language"])),
        ("howpublished", _bibtex_text(PUBLISHER)),
        ("url", _bibtex_text(fields["url"])),
        ("note", _bibtex_text(fields["identifier"])),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in entries if value)
    key = re.sub(r"[^A-Za-z0-9:._-]", "-", fields["identifier"])
    return f"@misc{{{key}-{fields['language']},\n{body}\n}}\n"


def _bibtex_text(value):
    return "".join(_BIBTEX_ESCAPES.get(char, char) for char in value)


def _one_line(value):
    return " ".join((value or "").split())


def _file_stem(external_id):
    return re.sub(r"[^A-Za-z0-9._-]", "-", external_id)


urlpatterns = [
    path("r/<str:external_id>", permanent_link, name="permanent_link"),
    path("r/<str:external_id>/<str:language>", permanent_link, name="permanent_link_in"),
    path(
        "r/<str:external_id>/<str:language>/citation.ris",
        citation,
        {"format": "ris"},
        name="citation_ris",
    ),
    path(
        "r/<str:external_id>/<str:language>/citation.bib",
        citation,
        {"format": "bib"},
        name="citation_bib",
    ),
]
