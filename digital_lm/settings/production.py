"""Production: everything that differs between machines comes from the environment."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

if not SECRET_KEY:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY.")
if not ALLOWED_HOSTS:  # noqa: F405
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS (comma-separated host names).")
if not DLM_CREDENTIAL_KEY_SECRET:  # noqa: F405
    raise ImproperlyConfigured(
        "Set DLM_CREDENTIAL_KEY_SECRET: the secret issuers' signing keys are encrypted with."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The load balancer asks each node for its health over plain HTTP (digital_lm.health).
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

# SMTP from the environment; EMAIL_URL like smtp+tls://user:pass@mail.example.org:587.
# Without it e-mail would go to the console, and password-reset links with it into the logs:
# refuse, unless told on purpose (a build step, a site that sends no e-mail).
if "EMAIL_URL" not in env.ENVIRON and not env.bool("DLM_ALLOW_CONSOLE_EMAIL", default=False):
    raise ImproperlyConfigured(
        "Set EMAIL_URL (e.g. smtp+tls://user:password@mail.example.org:587), or set "
        "DLM_ALLOW_CONSOLE_EMAIL=1 to write e-mail, password-reset links included, to the log."
    )
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
