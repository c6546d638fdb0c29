"""Counting attempts per hour in the cache (Redis on a server, so every web process shares it)."""

import hashlib

from django.core.cache import cache

HOUR = 60 * 60


def attempt_allowed(scope: str, subject: str, *, limit: int, seconds: int = HOUR) -> bool:
    """Count one attempt of ``subject`` (an address, an e-mail) in ``scope``; whether it is
    within ``limit`` for the window. The subject is hashed: the cache holds no addresses."""
    digest = hashlib.sha256(subject.encode()).hexdigest()
    key = f"throttle:{scope}:{digest}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:
        # The window ended between add() and incr(): this is the first attempt of a new one.
        cache.set(key, 1, seconds)
        count = 1
    return count <= limit
