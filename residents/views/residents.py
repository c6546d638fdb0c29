"""Residents: the list, a resident's page, adding and changing, and their privacy rights
(export of everything held, erasure). Only for roles that may see personal data."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leefbaarheid.forms import add_service_errors
from leefbaarheid.services import log_action
from leefbaarheid.web import ComplexChoiceForm, choose_complex, is_htmx, list_page
from residents import selectors, services
from residents.filters import ResidentScreenFilterSet
from residents.forms import ResidentForm
from residents.tables import ResidentTable

RECENT = 10  # activities and contacts shown on a resident's page


@permission_required("residents.view_resident", raise_exception=True)
def resident_list(request):
    """The residents this user may see, filtered, sorted and paged; htmx swaps just the table."""
    filterset = ResidentScreenFilterSet(
        request.GET, queryset=selectors.resident_list(user=request.user), request=request
    )
    return list_page(
        request,
        filterset=filterset,
        table=ResidentTable(filterset.qs),
        template="residents/resident_list.html",
        partial="residents/_resident_table.html",
        extra={"gallery_oob": is_htmx(request)},
    )


@permission_required("residents.view_resident", raise_exception=True)
def resident_detail(request, pk: int):
    resident = selectors.resident_get(user=request.user, pk=pk)
    context = {
        "resident": resident,
        "contact_for": list(resident.contact_for.order_by("floor", "name")),
        "memberships": list(resident.memberships.select_related("group").order_by("group__name")),
        "activities": list(resident.activities.select_related("group").order_by("-date")[:RECENT]),
        "contacts": list(resident.contacts.select_related("made_by").order_by("-date")[:RECENT]),
    }
    return render(request, "residents/resident_detail.html", context)


def _data(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.Meta.fields}


@permission_required("residents.add_resident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def resident_create(request):
    """Add a resident to a complex: first the complex (``?complex=``), then their data."""
    complexes = selectors.complexes_for_records(user=request.user)
    chooser = ComplexChoiceForm(request.GET or None, complexes=complexes)
    if not chooser.is_valid():
        if request.GET.get("complex"):
            # Another corporation's complex, or one not assigned: as if it did not exist.
            raise Http404
        return choose_complex(
            request,
            chooser,
            title=_("Add resident"),
            intro=_("First choose the complex the resident lives in."),
            back_url=reverse("residents:resident_list"),
        )
    complex_ = chooser.cleaned_data["complex"]
    form = ResidentForm(request.POST or None, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_create(
                complex=complex_, user=request.user, data=_data(form)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resident has been added."))
            return redirect("residents:resident_detail", pk=resident.pk)
    return render(request, "residents/resident_form.html", {"form": form, "complex": complex_})


@permission_required("residents.change_resident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def resident_update(request, pk: int):
    resident = selectors.resident_get(user=request.user, pk=pk)
    initial = model_to_dict(resident, fields=ResidentForm.Meta.fields)
    form = ResidentForm(request.POST or None, initial=initial, complex=resident.complex)
    if request.method == "POST" and form.is_valid():
        try:
            services.resident_update(resident=resident, user=request.user, data=_data(form))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The resident has been saved."))
            return redirect("residents:resident_detail", pk=resident.pk)
    context = {"form": form, "complex": resident.complex, "resident": resident}
    return render(request, "residents/resident_form.html", context)


@permission_required("residents.delete_resident", raise_exception=True)
def resident_export(request, pk: int):
    """Everything held about one resident as a JSON download (a request to see one's data)."""
    resident = selectors.resident_get(user=request.user, pk=pk)
    payload = services.resident_export(resident=resident)
    # Who handed out whose data is worth knowing later; the entry holds ids only.
    log_action(user=request.user, action="export", instance=resident)
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    # The file name carries the id, never the name: downloads folders are not private.
    response["Content-Disposition"] = f'attachment; filename="resident-{resident.pk}.json"'
    return response


@permission_required("residents.delete_resident", raise_exception=True)
@require_http_methods(["GET", "POST"])
def resident_erase(request, pk: int):
    """Erase a resident after confirmation; head counts of activities and help are kept."""
    resident = selectors.resident_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.resident_erase(resident=resident, user=request.user)
        messages.success(request, _("The resident's data has been erased."))
        return redirect("residents:resident_list")
    context = {
        "resident": resident,
        "group_count": resident.memberships.count(),
        "contact_for": list(resident.contact_for.all()),
    }
    return render(request, "residents/resident_erase.html", context)
