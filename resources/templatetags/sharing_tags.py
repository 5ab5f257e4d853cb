"""Template tags of share previews and QR codes; the logic lives in ``resources.sharing``."""

from django import template
from django.urls import reverse

from resources import sharing

register = template.Library()


@register.simple_tag(takes_context=True)
def share_preview(context, page=None):
    """``{% share_preview page as share %}``: the Open Graph and Twitter card values of the
    page (or public view) being shown, or None when it is not to be shared."""
    return sharing.preview(context.get("request"), page or None)


@register.simple_tag
def qr_code_urls(page):
    """``{% qr_code_urls page as qr %}``: the addresses of a resource's QR code (svg, png);
    None for a page that has none (a private or unpublished one)."""
    if not sharing.is_public(page):
        return None
    args = [page.external_id, page.locale.language_code]
    return {"svg": reverse("qr_code_svg", args=args), "png": reverse("qr_code_png", args=args)}
