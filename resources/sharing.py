"""Share previews and QR codes of the public pages.

A link to a page pasted in WeChat, LINE, Zalo, Messenger or Telegram is previewed from the
page's Open Graph and Twitter card tags: its title, summary and picture, in the page's
language, with absolute addresses. The picture is the page's own image or a card drawn for it
(``resources.share_images``), cached in the media storage under a name derived from what it
shows, so an edit draws a new one. A resource's QR code carries its permanent link. Only live,
public pages are ever described, drawn or encoded; anything else is "not found".
"""

import hashlib
import re
from functools import wraps
from html import unescape

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe
from wagtail.models import Page

from digital_lm.languages import LANGUAGE_CODES, in_alliance_order, open_graph_locale
from resources import qr_codes, share_images
from resources.caching import cached
from resources.localization import localize_all
from resources.models import WorkshopPage
from resources.navigation import language_home
from resources.permalinks import permanent_url, public_translations

# Longest description in a preview: the apps cut theirs at 80 to 200 characters.
DESCRIPTION_CHARS = 200
# Pictures and codes may be cached by browsers and the apps' crawlers for a day.
CACHE_SECONDS = 24 * 60 * 60
STORAGE_FOLDER = "share-images"
# A page's own picture, where it has one (home pages, workshops).
IMAGE_FIELDS = ("hero_image", "image")
# The public views that are not pages: their title and description (those of their templates).
VIEW_PREVIEWS = {
    "discovery_search": (
        _("Search resources"),
        _(
            "Search the courses, vocational standards, teaching materials and certifications "
            "of the Lancang-Mekong Vocational Education Alliance."
        ),
    ),
    "compare": (
        _("Compare certifications and standards"),
        _(
            "Compare the levels, competencies and recognition of vocational certifications "
            "and standards across the six Lancang-Mekong countries."
        ),
    ),
    "standards_browser": (
        _("Vocational standards"),
        _(
            "The vocational standards of the Lancang-Mekong Vocational Education Alliance, "
            "by sector and country."
        ),
    ),
}


def site_name():
    """The site's name in the active language."""
    return pgettext("site name", "Digital Lancang-Mekong")


# ---------------------------------------------------------------------------------------------
# The tags


def preview(request, page=None):
    """What the share tags say of the page (or the public view) ``request`` shows, or None when
    it is not to be shared: a draft, a preview, a private page, an error page."""
    if request is None or getattr(request, "is_preview", False):
        return None
    if page is not None:
        return _page_preview(request, page) if is_public(page) else None
    match = getattr(request, "resolver_match", None)
    if match is None or match.url_name not in VIEW_PREVIEWS:
        return None
    return _view_preview(request, *VIEW_PREVIEWS[match.url_name])


def is_public(page):
    return bool(page.pk and page.live and page.depth > 1 and not page.get_view_restrictions())


def _page_preview(request, page):
    """The preview of a live, public page: the same for every visitor, kept."""
    return cached(
        "share-preview", lambda: _describe_page(request, page), page.pk, request.get_host()
    )


def _describe_page(request, page):
    language = page.locale.language_code
    with translation.override(language):
        title = page.seo_title or page.title
        kind = getattr(page, "discovery_type", "")
        return {
            "title": share_images.shorten(title, share_images.MAX_TITLE_CHARS),
            "description": description_of(page),
            "url": request.build_absolute_uri(page.get_url(request)),
            "site_name": site_name(),
            "locale": open_graph_locale(language),
            "alternates": _alternate_locales(page),
            "type": "article" if kind else "website",
            "image": request.build_absolute_uri(_image_path(page)),
            "image_type": card_for(page).content_type,
            "image_alt": _image_alt(page, title),
            "width": share_images.WIDTH,
            "height": share_images.HEIGHT,
        }


def _view_preview(request, title, description):
    """The preview of a public view: the same for every visitor of a language, kept."""
    return cached(
        "view-preview",
        lambda: _describe_view(request, title, description),
        request.get_host(),
        request.path,
        translation.get_language(),
    )


def _describe_view(request, title, description):
    language = translation.get_language()
    home = language_home(request)
    if home is not None and not is_public(home):
        home = None
    return {
        "title": str(title),
        "description": str(description),
        "url": request.build_absolute_uri(request.path),
        "site_name": site_name(),
        "locale": open_graph_locale(language),
        "alternates": [open_graph_locale(code) for code in LANGUAGE_CODES if code != language],
        "type": "website",
        "image": request.build_absolute_uri(_image_path(home)) if home else "",
        "image_type": card_for(home).content_type if home else "",
        "image_alt": site_name(),
        "width": share_images.WIDTH,
        "height": share_images.HEIGHT,
    }


def description_of(page):
    """The page's description, summary, tagline or introduction as one line of plain text."""
    intro = unescape(strip_tags(str(getattr(page, "intro", "") or "")))
    for text in (
        page.search_description,
        getattr(page, "summary", ""),
        getattr(page, "tagline", ""),
        intro,
    ):
        if text and text.strip():
            return share_images.shorten(text, DESCRIPTION_CHARS)
    return ""


def _alternate_locales(page):
    """``og:locale`` of the page's other live, public translations, in the alliance's order."""
    others = page.get_translations().live().public().values_list("locale__language_code", flat=True)
    return [open_graph_locale(code) for code in in_alliance_order(others)]


def _image_alt(page, title):
    kind = getattr(page, "resource_type_label", "")
    return f"{kind}: {title}" if kind else title


def _image_path(page):
    external_id = getattr(page, "external_id", "")
    if external_id:
        return reverse("share_image", args=[external_id, page.locale.language_code])
    return reverse("page_share_image", args=[page.pk])


# ---------------------------------------------------------------------------------------------
# The pictures


def card_for(page):
    """The ``share_images.Card`` of a page: its own picture, else what the drawn card shows."""
    photo = next(
        (getattr(page, field) for field in IMAGE_FIELDS if getattr(page, f"{field}_id", None)),
        None,
    )
    language = page.locale.language_code
    if photo is not None:
        return share_images.Card(language, page.title, photo=photo.file.name)
    institution = getattr(page, "institution", None)
    if institution is not None:
        institution = localize_all([institution], page.locale)[institution]
    with translation.override(language):
        return share_images.Card(
            language,
            page.seo_title or page.title,
            kind=getattr(page, "discovery_type", ""),
            kind_label=str(_kind_label(page)),
            institution=institution.name if institution else "",
            site_name=site_name(),
            logo=institution.logo.file.name if institution and institution.logo_id else "",
        )


def _kind_label(page):
    if getattr(page, "discovery_type", ""):
        return page.resource_type_label
    if isinstance(page, WorkshopPage):
        return capfirst(page._meta.verbose_name)
    return ""


def share_image_bytes(card):
    """The card's file: from the media storage, or drawn and kept there."""
    name = f"{STORAGE_FOLDER}/{card.key}.{card.extension}"
    if default_storage.exists(name):
        with default_storage.open(name) as file:
            return file.read()
    data = share_images.draw(card, default_storage)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:  # another request drew it meanwhile: keep one
        default_storage.delete(saved)
    return data


def _cached(request, etag, content_type, build):
    """``build()``'s bytes, or 304 when the client's copy (``etag``) is current; cacheable."""
    etag = f'"{etag}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(build(), content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
    return response


# ---------------------------------------------------------------------------------------------
# The views


def _found_here(view):
    """An unknown page is "not found" at its own address (not sent on to a language prefix by
    the language middleware): as resources.permalinks does."""

    @wraps(view)
    def answer(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            request.urlconf = __name__
            raise

    return answer


def _translation(external_id, language):
    """The live, public translation of the resource in ``language``, else 404."""
    pages = {page.locale.language_code: page for page in public_translations(external_id)}
    if language not in pages:
        raise Http404("No public translation of this resource in this language.")
    return pages[language]


@_found_here
@require_safe
def share_image(request, external_id, language):
    """The share picture of a resource's translation."""
    card = card_for(_translation(external_id, language))
    return _cached(request, card.key, card.content_type, lambda: share_image_bytes(card))


@_found_here
@require_safe
def page_share_image(request, page_id):
    """The share picture of any other live, public page (home pages, sections, workshops)."""
    page = Page.objects.live().public().filter(pk=page_id, depth__gt=1).specific().first()
    if page is None:
        raise Http404("No public page has this id.")
    card = card_for(page)
    return _cached(request, card.key, card.content_type, lambda: share_image_bytes(card))


@_found_here
@require_safe
def qr_code(request, external_id, language, format):
    """The QR code of a resource's permanent link in ``language``, as SVG or PNG."""
    page = _translation(external_id, language)
    url = permanent_url(page, request)
    if format == "svg":
        with translation.override(language):
            title = _("QR code of the permanent link: %(title)s") % {"title": page.title}
        body, content_type = qr_codes.svg(url, title), "image/svg+xml"
    else:
        body, content_type = qr_codes.png(url), "image/png"
    etag = hashlib.sha256(body).hexdigest()[:32]
    response = _cached(request, etag, content_type, lambda: body)
    stem = re.sub(r"[^A-Za-z0-9._-]", "-", external_id)
    response["Content-Disposition"] = f'inline; filename="qr-{stem}-{language}.{format}"'
    return response


urlpatterns = [
    # A picture's address has no extension: a page's own photograph is a JPEG, a card a PNG.
    path("r/<str:external_id>/<str:language>/share-image", share_image, name="share_image"),
    path(
        "r/<str:external_id>/<str:language>/qr.svg", qr_code, {"format": "svg"}, name="qr_code_svg"
    ),
    path(
        "r/<str:external_id>/<str:language>/qr.png", qr_code, {"format": "png"}, name="qr_code_png"
    ),
    path("pages/<row_id:page_id>/share-image", page_share_image, name="page_share_image"),
]
