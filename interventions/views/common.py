"""The new, edit and delete pages of the interventions app's reference data (schemes,
providers): one shape, each screen module says only what differs. The htmx check, paged lists
and permissions come from the kernel's web kit."""

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import posted, require_perm


@dataclass(frozen=True)
class ReferenceScreens:
    """The screens of one kind of reference record. ``name`` names its URLs, templates, the
    record in the templates and in the services' keywords (``interventions:<name>_list``,
    ``interventions/<name>_form.html``, ``services.<…>_update(<name>=…)``)."""

    model: Any
    name: str
    get: Callable  # the scoped fetch: get(user=, pk=)
    form: Any
    create: Callable  # create(user=, data=)
    update: Callable  # update(<name>=, user=, data=)
    delete: Callable  # delete(<name>=, user=); refuses a record still in use
    delete_context: Callable[[Any], dict]  # what the confirmation says (is it in use?)
    saved_message: str  # formatted with the record's name
    deleted_message: str

    def views(self) -> tuple[Callable, Callable, Callable]:
        """The create, update and delete views. Every role that reads the record reaches its
        edit and delete pages; a missing permission on a visible record is a 403."""
        view = permission_required(self._perm("view"), raise_exception=True)
        return (
            permission_required(self._perm("add"), raise_exception=True)(self.create_view),
            view(self.update_view),
            view(self.delete_view),
        )

    def _perm(self, action: str) -> str:
        return f"{self.model._meta.app_label}.{action}_{self.model._meta.model_name}"

    def create_view(self, request):
        return self._form(request, instance=None)

    def update_view(self, request, pk: int):
        instance = self.get(user=request.user, pk=pk)
        require_perm(request.user, self._perm("change"))
        return self._form(request, instance=instance)

    def _form(self, request, *, instance):
        """Create (``instance`` None) or change a record through its service; service errors
        land on the form's fields, nothing is saved."""
        form = self.form(posted(request), instance=copy.copy(instance) if instance else None)
        if request.method == "POST" and form.is_valid():
            data = form.data_for_service()
            try:
                if instance is None:
                    saved = self.create(user=request.user, data=data)
                else:
                    saved = self.update(user=request.user, data=data, **{self.name: instance})
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, self.saved_message % {"name": saved.name})
                return redirect(saved)
        cancel_url = (
            instance.get_absolute_url() if instance else reverse(f"interventions:{self.name}_list")
        )
        context = {"form": form, self.name: instance, "cancel_url": cancel_url}
        return render(request, f"interventions/{self.name}_form.html", context)

    def delete_view(self, request, pk: int):
        """Ask, then delete; a refusal (still in use) goes back with why."""
        instance = self.get(user=request.user, pk=pk)
        require_perm(request.user, self._perm("delete"))
        if request.method == "POST":
            try:
                self.delete(user=request.user, **{self.name: instance})
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(instance)
            messages.success(request, self.deleted_message % {"name": instance.name})
            return redirect(f"interventions:{self.name}_list")
        context = {self.name: instance, **self.delete_context(instance)}
        return render(request, f"interventions/{self.name}_confirm_delete.html", context)
