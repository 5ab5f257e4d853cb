"""What the font tests share: which fonts the browser drew a node's text with, and a course
whose title is written in the scripts under test."""

from wagtail.models import Locale

from tests import factories


def platform_fonts(page, selector):
    """[{familyName, isCustomFont, glyphCount, ...}] the browser drew ``selector``'s text with
    (Chrome DevTools Protocol; the element's answer covers its text children)."""
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": 0})["root"]["nodeId"]
        node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        return cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        cdp.detach()


def course_titled(live_server, titles):
    """A published course with a translation per ``{language: title}``; {language: URL}."""
    tree = factories.build_site_tree()
    course = factories.published_resource(
        tree["section"],
        title="电动汽车维修",
        translations={lang: {"title": title} for lang, title in titles.items()},
    )
    return {
        lang: live_server.url + course.get_translation(Locale.objects.get(language_code=lang)).url
        for lang in titles
    }
