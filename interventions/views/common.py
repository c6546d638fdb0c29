"""The edit and delete pages of the interventions app's reference data (schemes, providers);
the htmx check, paged lists and permissions come from the kernel's web kit."""

import copy
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import posted


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
