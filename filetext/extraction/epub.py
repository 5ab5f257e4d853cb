"""EPUB: each chapter in reading (spine) order, named by the book's table of contents.

Read with zipfile and lxml rather than ebooklib, which loads every member (images, fonts,
audio) into memory when it opens a book: here one chapter is in memory at a time.
"""

import posixpath
import zipfile
from urllib.parse import unquote, urldefrag

from filetext.extraction.cleaning import MAX_SEGMENT_CHARACTERS
from filetext.extraction.contract import ExtractionFailed, Segment

CONTAINER = "{urn:oasis:names:tc:opendocument:xmlns:container}"
OPF = "{http://www.idpf.org/2007/opf}"
NCX = "{http://www.daisy.org/z3986/2005/ncx/}"
ENCRYPTION = "{http://www.w3.org/2001/04/xmlenc#}"
# Fonts scrambled against copying (not the text): books with them are readable.
FONT_OBFUSCATION = {"http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"}
BLOCKS = {
    "p", "div", "section", "article", "aside", "header", "footer", "nav", "blockquote", "pre",
    "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr",
    "br", "hr", "figure", "figcaption", "caption", "td", "th",
}  # fmt: skip
UNREAD = {"script", "style", "head", "title"}
HEADINGS = ("h1", "h2", "h3")


def _xml(archive, name):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.fromstring(archive.read(name), parser)


def _html(archive, name):
    from lxml import etree

    parser = etree.HTMLParser(no_network=True, recover=True)
    return etree.fromstring(archive.read(name), parser)


def _refuse_drm(archive):
    try:
        encryption = _xml(archive, "META-INF/encryption.xml")
    except KeyError:
        return
    for method in encryption.iter(ENCRYPTION + "EncryptionMethod"):
        if method.get("Algorithm") not in FONT_OBFUSCATION:
            raise ExtractionFailed(
                "encrypted", "The EPUB is protected (DRM): its text cannot be read."
            )


def _resolve(base, href):
    return posixpath.normpath(posixpath.join(base, unquote(urldefrag(href)[0])))


def _local(tag):
    return tag.rsplit("}", 1)[-1].rsplit(":", 1)[-1].lower() if isinstance(tag, str) else ""


def _words(element):
    return " ".join("".join(element.itertext()).split())


def _toc_titles(archive, package, manifest, base):
    """{chapter file: its title in the table of contents} (EPUB 3 nav, else EPUB 2 NCX)."""
    titles = {}
    for href, _media_type, properties in manifest.values():
        if "nav" in properties.split():
            document, folder = _html(archive, href), posixpath.dirname(href)
            for nav in document.iter("nav"):
                if "toc" in (nav.get("epub:type") or nav.get("type") or "toc"):
                    for link in nav.iter("a"):
                        if link.get("href"):
                            titles.setdefault(_resolve(folder, link.get("href")), _words(link))
            return titles
    toc = package.find(f"{OPF}spine").get("toc")
    if toc in manifest:
        href = manifest[toc][0]
        document, folder = _xml(archive, href), posixpath.dirname(href)
        for point in document.iter(NCX + "navPoint"):
            label, content = point.find(f"{NCX}navLabel/{NCX}text"), point.find(f"{NCX}content")
            if label is not None and content is not None and content.get("src"):
                titles.setdefault(_resolve(folder, content.get("src")), _words(label))
    return titles


def _chapter(document):
    """(the chapter's text with its blocks on their own lines, its first heading)."""
    pieces, heading = [], ""

    def walk(element):
        nonlocal heading
        tag = _local(element.tag)
        if tag in UNREAD or not tag:
            return
        if tag in BLOCKS:
            pieces.append("\n")
        if not heading and tag in HEADINGS:
            heading = _words(element)
        pieces.append(element.text or "")
        for child in element:
            walk(child)
            pieces.append(child.tail or "")
        if tag in BLOCKS:
            pieces.append("\n")

    body = document.find(".//body") if document is not None else None
    if body is not None:
        walk(body)
    return "".join(pieces)[: MAX_SEGMENT_CHARACTERS * 2], heading


def read(path, language, start, limits):
    with zipfile.ZipFile(path) as archive:
        _refuse_drm(archive)
        rootfile = _xml(archive, "META-INF/container.xml").find(f".//{CONTAINER}rootfile")
        package_path = unquote(rootfile.get("full-path"))
        package, base = _xml(archive, package_path), posixpath.dirname(package_path)
        manifest = {
            item.get("id"): (
                _resolve(base, item.get("href", "")),
                item.get("media-type", ""),
                item.get("properties", ""),
            )
            for item in package.iter(OPF + "item")
        }
        titles = _toc_titles(archive, package, manifest, base)
        spine = [
            manifest[itemref.get("idref")][0]
            for itemref in package.iter(OPF + "itemref")
            if itemref.get("idref") in manifest
        ]
        for number, href in enumerate(spine, 1):
            if number > limits.max_segments:
                raise ExtractionFailed(
                    "too_large",
                    f"The EPUB has {len(spine):,} chapters: only the first "
                    f"{limits.max_segments:,} were read.",
                )
            if number >= start:
                text, heading = _chapter(_html(archive, href))
                yield Segment(number, text, label=titles.get(href) or heading)
