"""One shape for the screens of a record kept per complex with a set of residents (groups with
their members, activities with who came, mutual help with who helped): the list, new (choosing
the complex first), edit and delete. Each screen module only says what differs."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from complexes.models import Complex
from leefbaarheid import web
from leefbaarheid.forms import add_service_errors
from residents.views.common import (
    back_to_list,
    choose_complex,
    complex_from_query,
    form_data,
    new_in_complex,
)


@dataclass(frozen=True)
class RecordScreens:
    """The screens of one model. ``name`` names its URLs and templates (``residents:<name>_list``,
    ``residents/<name>_form.html`` …); ``record`` is the record's name in the templates and, unless
    ``service_arg`` says otherwise, in the services' keywords; ``people`` is the form field and
    service keyword of its residents."""

    model: Any
    name: str
    record: str
    rows: Callable  # the scoped list: rows(user) -> queryset
    get: Callable  # the scoped fetch: get(user=, pk=) -> record, 404 when out of reach
    filterset: Any
    table: Any
    form: Any
    initial: Callable[[Any], dict]
    people: str
    save: Callable
    delete: Callable
    new_title: str
    saved_message: Callable[[Any], str]
    deleted_message: Callable[[Any], str]
    service_arg: str = ""
    whole_record_field: str | None = None

    def views(self) -> tuple[Callable, ...]:
        """The list, create, update and delete views, each behind its model permission."""
        perm = f"{self.model._meta.app_label}.%s_{self.model._meta.model_name}"
        return tuple(
            permission_required(perm % action, raise_exception=True)(view)
            for action, view in (
                ("view", self.list_view),
                ("add", self.create_view),
                ("change", self.update_view),
                ("delete", self.delete_view),
            )
        )

    @property
    def list_url(self) -> str:
        return f"residents:{self.name}_list"

    def _service_kwargs(self, record) -> dict:
        return {self.service_arg or self.record: record}

    def list_view(self, request):
        filterset = self.filterset(request.GET, queryset=self.rows(request.user), request=request)
        return web.list_page(
            request,
            filterset=filterset,
            table=self.table(filterset.qs),
            template=f"residents/{self.name}_list.html",
            partial=f"residents/_{self.name}_table.html",
            extra=new_in_complex(request, self.model),
        )

    def create_view(self, request):
        complex_ = complex_from_query(request)
        if complex_ is None:
            back = reverse(self.list_url)
            return choose_complex(request, title=str(self.new_title), back_url=back)
        return self._form(request, complex_=complex_, record=None)

    def update_view(self, request, pk: int):
        record = self.get(user=request.user, pk=pk)
        return self._form(request, complex_=record.complex, record=record)

    def _form(self, request, *, complex_: Complex, record):
        initial = None if record is None else self.initial(record)
        form = self.form(web.posted(request), initial=initial, complex=complex_)
        if request.method == "POST" and form.is_valid():
            try:
                saved = self.save(
                    user=request.user,
                    data=form_data(form),
                    complex=complex_ if record is None else None,
                    **{self.people: form.cleaned_data[self.people]},
                    **self._service_kwargs(record),
                )
            except ValidationError as error:
                add_service_errors(form, error, whole_record_field=self.whole_record_field)
            else:
                messages.success(request, self.saved_message(saved))
                return back_to_list(self.list_url, saved.complex_id)
        context = {"form": form, "complex": complex_, self.record: record}
        return render(request, f"residents/{self.name}_form.html", context)

    def delete_view(self, request, pk: int):
        record = self.get(user=request.user, pk=pk)
        if request.method == "POST":
            self.delete(user=request.user, **self._service_kwargs(record))
            messages.success(request, self.deleted_message(record))
            return back_to_list(self.list_url, record.complex_id)
        template = f"residents/{self.name}_confirm_delete.html"
        return render(request, template, {self.record: record})
