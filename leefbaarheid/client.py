"""The client's address, read one way everywhere: login lockouts (axes), API throttles, the
password-reset throttle, logs.

Behind ``DJANGO_PROXY_COUNT`` reverse proxies the address is the one the outermost of our proxies
saw: the proxies each append to ``X-Forwarded-For``, so it is that many entries from the right.
What a client writes further left is its own claim and is never believed; without proxies the
header is ignored altogether.
"""

from django.conf import settings


def client_address(request) -> str:
    """The address of the client that sent ``request`` (the same rule as DRF's NUM_PROXIES)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    proxies = settings.PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if not proxies or not forwarded:
        return remote
    entries = [entry.strip() for entry in forwarded.split(",")]
    return entries[-min(proxies, len(entries))] or remote
