"""What every screen of the interventions app shares: htmx partials, paged lists, permissions."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django_tables2 import RequestConfig

PER_PAGE = 25


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def require_perm(user, permission: str) -> None:
    """A visible object but a missing permission: 403 (the object itself was already scoped)."""
    if not user.has_perm(permission):
        raise PermissionDenied


def list_page(request, *, filterset, table, template: str, partial: str, extra=None):
    """Render a filtered, sorted, paged list; an htmx request gets just the table."""
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    context = {"filter": filterset, "table": table, "oob": is_htmx(request), **(extra or {})}
    return render(request, partial if is_htmx(request) else template, context)


def posted(request):
    return request.POST if request.method == "POST" else None
