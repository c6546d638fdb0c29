"""Complex screens: the list with its exports, the complex page, and create/edit/delete.

Every complex is fetched through ``selectors.complex_get`` (a foreign complex is a 404); what a
role may do is a model permission (missing one on a visible complex is a 403).
"""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from complexes import exports, selectors, services
from complexes.filters import ComplexFilterSet
from complexes.forms import ComplexForm
from complexes.models import vacancy_percent
from complexes.tables import ComplexTable
from leefbaarheid import registry, roles
from leefbaarheid.forms import add_service_errors
from leefbaarheid.web import is_htmx, require_perm


def _single_corporation(user) -> bool:
    """Corporation staff only ever see their own corporation: a corporation column or filter
    would tell them nothing (the API keeps the filter)."""
    return roles.has_role(user, roles.CORPORATION_STAFF) and not roles.has_role(
        user, *roles.CITY_WIDE_ROLES
    )


def _filterset(request) -> ComplexFilterSet:
    filterset = ComplexFilterSet(
        request.GET, queryset=selectors.complex_list(user=request.user), request=request
    )
    if _single_corporation(request.user):
        del filterset.filters["corporation"]
    return filterset


@permission_required("complexes.view_complex", raise_exception=True)
def complex_list(request):
    """The complexes this user may see, filtered, sorted and paged; htmx swaps just the table."""
    filterset = _filterset(request)
    exclude = ("corporation",) if _single_corporation(request.user) else ()
    table = ComplexTable(filterset.qs, exclude=exclude)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    query = request.GET.copy()
    query.pop("page", None)
    context = {"filter": filterset, "table": table, "export_query": query.urlencode()}
    template = (
        "complexes/_complex_table.html" if is_htmx(request) else "complexes/complex_list.html"
    )
    return render(request, template, context)


def _export_queryset(request):
    """Exactly the rows the list shows for the same query string, all pages, same order."""
    return exports.ordered(_filterset(request).qs, request.GET.get("sort"))


@permission_required("complexes.view_complex", raise_exception=True)
def complex_export_csv(request):
    """Every complex the current filters select (not just one page), as CSV."""
    return exports.csv_response(_export_queryset(request))


@permission_required("complexes.view_complex", raise_exception=True)
def complex_export_xlsx(request):
    """Every complex the current filters select (not just one page), as an Excel workbook."""
    return exports.xlsx_response(_export_queryset(request))


# Where the complex page shows the sections other apps register: the template's list of section
# templates by the registry's page name (under the key figures, beside the communal room, and
# between the galleries and the vacancy history).
SECTION_PLACES = {
    "top_sections": "complex.top",
    "beside_room_sections": "complex.beside_room",
    "sections": "complex",
}


def _detail_context(request, complex_) -> dict:
    """What the complex page shows of the complex itself, and the sections the other apps add
    (``leefbaarheid.registry``, filled in their ``AppConfig.ready()``) at its three places.
    Residents' names only for those who may see personal data. A fixed number of queries at
    any size."""
    may_see_names = request.user.has_perm("residents.view_resident")
    galleries = complex_.galleries.order_by("floor", "name")
    if may_see_names:
        galleries = galleries.select_related("contact_person")
    galleries = list(galleries)
    context = {
        "complex": complex_,
        "today": timezone.localdate(),
        "may_see_names": may_see_names,
        "vacancy_percent": vacancy_percent(complex_.vacant_units, complex_.units),
        "galleries": galleries,
        "galleries_covered": sum(1 for gallery in galleries if gallery.contact_person_id),
        "history": selectors.occupancy_history(complex=complex_),
    }
    for key, page in SECTION_PLACES.items():
        context[key], section_context = registry.sections_for(page, request, complex_)
        context.update(section_context)
    return context


@permission_required("complexes.view_complex", raise_exception=True)
def complex_detail(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    return render(request, "complexes/complex_detail.html", _detail_context(request, complex_))


def _form_page(request, form, *, title: str, cancel_url: str, wide: bool = False, complex_=None):
    return render(
        request,
        "complexes/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "wide": wide, "complex": complex_},
    )


@permission_required("complexes.add_complex", raise_exception=True)
def complex_create(request):
    """A new complex; staff always add it to their own corporation, an admin chooses."""
    form = ComplexForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            complex_ = services.complex_create(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Complex %(name)s added.") % {"name": complex_.name})
            return redirect(complex_)
    return _form_page(
        request,
        form,
        title=_("New complex"),
        cancel_url=reverse("complexes:complex_list"),
        wide=True,
    )


def complex_update(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.change_complex")
    # The form works on a copy: the service compares the stored figures with the new ones.
    form = ComplexForm(request.POST or None, instance=copy.copy(complex_), user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.complex_update(complex=complex_, user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Complex %(name)s saved.") % {"name": complex_.name})
            return redirect(complex_)
    return _form_page(
        request,
        form,
        title=_("Edit %(name)s") % {"name": complex_.name},
        cancel_url=complex_.get_absolute_url(),
        wide=True,
        complex_=complex_,
    )


def complex_delete(request, pk: int):
    complex_ = selectors.complex_get(user=request.user, pk=pk)
    require_perm(request.user, "complexes.delete_complex")
    if request.method == "POST":
        try:
            services.complex_delete(complex=complex_, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(complex_)
        messages.success(request, _("Complex %(name)s deleted.") % {"name": complex_.name})
        return redirect("complexes:complex_list")
    return render(
        request,
        "complexes/confirm_delete.html",
        {
            "title": _("Delete %(name)s") % {"name": complex_.name},
            "warning": _(
                "This deletes the complex with its galleries, residents, groups, activities, "
                "bookings and occupancy history. This cannot be undone."
            ),
            "cancel_url": complex_.get_absolute_url(),
        },
    )
