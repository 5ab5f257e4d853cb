"""Who is asking: the visitor's network address, as login throttling (and anything else that
counts per client) must see it.

Behind front servers (a cache, a load balancer) every request comes from them: the
visitor's address is the one the outermost trusted front server saw, the
``DLM_TRUSTED_PROXY_COUNT``-th entry of ``X-Forwarded-For`` from the right. Entries further
left are whatever the client chose to send, so they are never believed.
"""

from django.conf import settings


def client_address(request):
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
