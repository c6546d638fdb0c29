"""Occupancy history screens: the snapshots of one complex, and adding, editing and deleting
one. The vacancy chart on the complex page is drawn from the same rows."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from complexes import selectors, services
from complexes.forms import OccupancySnapshotForm
from complexes.tables import OccupancyTable
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import require_perm


def _back(complex_) -> str:
    return reverse("complexes:occupancy_list", args=[complex_.pk])


def _form_page(request, form, *, title: str, complex_):
    return render(
        request,
        "complexes/form.html",
        {"form": form, "title": title, "cancel_url": _back(complex_), "complex": complex_},
    )


def occupancy_list(request, pk: int):
    """The occupancy history of complex ``pk``, newest first."""
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.view_occupancysnapshot")
    table = OccupancyTable(selectors.occupancy_list(user=request.user).filter(complex=complex_))
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(
        request,
        "complexes/occupancy_list.html",
        {"complex": complex_, "table": table},
    )


def occupancy_create(request, pk: int):
    """A snapshot of complex ``pk`` on a date it has none for yet."""
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.add_occupancysnapshot")
    form = OccupancySnapshotForm(request.POST or None, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            services.occupancy_record(complex=complex_, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="date")
        else:
            messages.success(request, _("Snapshot saved."))
            return redirect(_back(complex_))
    return _form_page(request, form, title=_("New occupancy snapshot"), complex_=complex_)


def occupancy_update(request, pk: int):
    snapshot = selectors.occupancy_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.change_occupancysnapshot")
    complex_ = snapshot.complex
    form = OccupancySnapshotForm(
        request.POST or None, instance=copy.copy(snapshot), complex=complex_
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.occupancy_update(snapshot=snapshot, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, whole_record_field="date")
        else:
            messages.success(request, _("Snapshot saved."))
            return redirect(_back(complex_))
    return _form_page(request, form, title=_("Edit occupancy snapshot"), complex_=complex_)


def occupancy_delete(request, pk: int):
    snapshot = selectors.occupancy_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.delete_occupancysnapshot")
    complex_ = snapshot.complex
    if request.method == "POST":
        services.occupancy_delete(snapshot=snapshot, user=request.user)
        messages.success(request, _("Snapshot deleted."))
        return redirect(_back(complex_))
    return render(
        request,
        "complexes/confirm_delete.html",
        {
            "title": _("Delete the snapshot of %(date)s") % {"date": f"{snapshot.date:%d-%m-%Y}"},
            "warning": _("The vacancy chart loses this point. This cannot be undone."),
            "cancel_url": _back(complex_),
        },
    )
