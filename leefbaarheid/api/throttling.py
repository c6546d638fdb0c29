from rest_framework.throttling import ScopedRateThrottle

from leefbaarheid.client import client_address


class ClientScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counting per client address as the rest of the project reads it."""

    def get_ident(self, request):
        return client_address(request)
