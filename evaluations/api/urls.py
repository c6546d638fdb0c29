"""API resources of the evaluations app, registered on the /api/v1/ router."""


def register(router) -> None:
    """Add this app's resources to the shared router (none yet)."""
