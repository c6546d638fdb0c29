"""What every screen of the interventions app shares: htmx partials, paged lists, permissions,
and the edit and delete pages of reference data (schemes, providers)."""

import copy
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django_tables2 import RequestConfig

from leefbaarheid.forms import add_service_errors

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


def reference_form(
    request,
    *,
    form_class,
    instance,
    save: Callable,
    template: str,
    context_name: str,
    cancel_url: str,
    saved_message: str,
):
    """Create (``instance`` None) or change a reference record through ``save(data)``, a
    service call; service errors land on the form's fields, nothing is saved."""
    form = form_class(posted(request), instance=copy.copy(instance) if instance else None)
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(form.data_for_service())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, saved_message % {"name": saved.name})
            return redirect(saved)
    context = {"form": form, context_name: instance, "cancel_url": cancel_url}
    return render(request, template, context)


def reference_delete(
    request,
    *,
    instance,
    delete: Callable,
    template: str,
    context: dict,
    list_url: str,
    message: str,
):
    """Ask, then delete through ``delete()``; a refusal (still in use) goes back with why."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(instance)
        messages.success(request, message % {"name": instance.name})
        return redirect(list_url)
    return render(request, template, context)
