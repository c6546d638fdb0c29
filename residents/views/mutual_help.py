"""Mutual help between neighbours, per month: invisible, but very important."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from complexes.models import Complex
from leefbaarheid.forms import add_service_errors
from residents import selectors, services
from residents.filters import MutualHelpFilterSet
from residents.forms import MutualHelpForm
from residents.models import MutualHelp
from residents.tables import MutualHelpTable
from residents.views.groups import (
    back_to_list,
    choose_complex,
    complex_from_query,
    form_data,
    list_page,
    posted,
)


@permission_required("residents.view_mutualhelp", raise_exception=True)
def mutual_help_list(request):
    filterset = MutualHelpFilterSet(
        request.GET, queryset=selectors.mutual_help_list(user=request.user), request=request
    )
    return list_page(
        request,
        filterset=filterset,
        table=MutualHelpTable(filterset.qs),
        template="residents/mutual_help_list.html",
        partial="residents/_mutual_help_table.html",
        model=MutualHelp,
    )


@permission_required("residents.add_mutualhelp", raise_exception=True)
def mutual_help_create(request):
    complex_ = complex_from_query(request, MutualHelp)
    if complex_ is None:
        back = reverse("residents:mutual_help_list")
        return choose_complex(request, MutualHelp, title=_("Record mutual help"), back_url=back)
    return _mutual_help_form(request, complex_=complex_, help_=None)


@permission_required("residents.change_mutualhelp", raise_exception=True)
def mutual_help_update(request, pk: int):
    help_ = selectors.mutual_help_get(user=request.user, pk=pk)
    return _mutual_help_form(request, complex_=help_.complex, help_=help_)


def _mutual_help_form(request, *, complex_: Complex, help_: MutualHelp | None):
    initial = None
    if help_ is not None:
        initial = {
            "month": help_.month,
            "kind": help_.kind,
            "people_count": help_.people_count,
            "residents": help_.residents.all(),
        }
    form = MutualHelpForm(posted(request), initial=initial, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.mutual_help_save(
                user=request.user,
                data=form_data(form),
                residents=form.cleaned_data["residents"],
                help_=help_,
                complex=complex_ if help_ is None else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The mutual help is saved."))
            return back_to_list("residents:mutual_help_list", saved.complex_id)
    return render(
        request,
        "residents/mutual_help_form.html",
        {"form": form, "complex": complex_, "help": help_},
    )


@permission_required("residents.delete_mutualhelp", raise_exception=True)
def mutual_help_delete(request, pk: int):
    help_ = selectors.mutual_help_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.mutual_help_delete(help_=help_, user=request.user)
        messages.success(request, _("The mutual help is deleted."))
        return back_to_list("residents:mutual_help_list", help_.complex_id)
    return render(request, "residents/mutual_help_confirm_delete.html", {"help": help_})
