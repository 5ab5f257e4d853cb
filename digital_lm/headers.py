"""The Content-Security-Policy of every page (django-csp): what a page may load and run.

The public site (the API docs' self-hosted Swagger UI included) runs no inline script or
style, so its policy allows only the site's own files. Wagtail's admin (and wagtail-localize's
editor) inline scripts and styles in their own templates (InlinePanel, the date pickers, the
translation editor): the admin allows inline code, and nothing from other sites either.
Downloads keep the stricter policy the download view sets (django-csp leaves it).
"""

from csp.constants import NONE, SELF, UNSAFE_INLINE
from csp.middleware import CSPMiddleware

PUBLIC_POLICY = {
    "default-src": [SELF],
    "script-src": [SELF],
    "style-src": [SELF],
    "img-src": [SELF, "data:"],
    "font-src": [SELF],
    "connect-src": [SELF],
    "media-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # The admin shows previews of the public pages in a frame of its own.
    "frame-ancestors": [SELF],
}
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "frame-src": [SELF],
}


ADMIN_PREFIX = "/admin/"


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with the policy chosen by the part of the site."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if parts.config is None and not report_only:
            admin = request.path.startswith(ADMIN_PREFIX)
            parts.config = ADMIN_POLICY if admin else PUBLIC_POLICY
        return parts
