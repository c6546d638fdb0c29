"""Personal attention: new tenants to welcome, and residents living alone who are out of sight.

The "out of sight" list is for the welfare professional of the complex only; every other role is
refused and does not see it in the menu. It shows how long since any recorded contact, never why.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from leefbaarheid import params, roles
from leefbaarheid.forms import add_service_errors
from residents import selectors, services
from residents.choices import ContactKind
from residents.forms import VisitForm, WelcomeForm
from residents.models import Resident

# A page of forms, not the whole city: an admin's list runs into the thousands.
WELCOME_PAGE_SIZE = 50
OUT_OF_SIGHT_PAGE_SIZE = 50


def _contact_persons_by_complex(*, user, complex_ids) -> dict[int, list[Resident]]:
    """The gallery contact persons of the given complexes, fetched in one query."""
    persons = (
        selectors.resident_list(user=user)
        .filter(complex_id__in=complex_ids, contact_for__isnull=False)
        .distinct()
        .order_by("name")
    )
    by_complex: dict[int, list[Resident]] = defaultdict(list)
    for person in persons:
        by_complex[person.complex_id].append(person)
    return by_complex


def _welcome_form(resident: Resident, contact_persons, data=None, next_query="") -> WelcomeForm:
    # The gallery's own contact person is the likely visitor; ids are unique per row.
    made_by = resident.gallery.contact_person_id if resident.gallery is not None else None
    return WelcomeForm(
        data,
        contact_persons=contact_persons,
        initial={"made_by": made_by, "next_query": next_query},
        auto_id=f"id_welcome_{resident.pk}_%s",
    )


def _chosen_complex(request, residents):
    """The ``?complex=`` a list is narrowed to (as given, for the select) and the narrowed rows."""
    chosen = request.GET.get("complex", "")
    if (pk := params.id_or_none(chosen)) is not None:
        residents = residents.filter(complex_id=pk)
    return chosen, residents


@permission_required("residents.add_residentcontact", raise_exception=True)
def to_welcome(request):
    """New tenants not yet welcomed in person, by complex and gallery, each with its form."""
    complexes = selectors.complexes_for_records(user=request.user).only("pk", "name")
    chosen, pending = _chosen_complex(request, selectors.to_welcome(user=request.user))
    page = Paginator(
        pending.order_by(  # those without a gallery last, on SQLite as on PostgreSQL
            "complex__name",
            "complex_id",
            F("gallery__floor").asc(nulls_last=True),
            F("gallery__name").asc(nulls_last=True),
            "moved_in",
            "name",
        ),
        WELCOME_PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    persons = _contact_persons_by_complex(
        user=request.user, complex_ids={resident.complex_id for resident in page}
    )
    # After a welcome the user comes back to this complex and page of the list.
    query = request.GET.urlencode()
    rows = [
        {"resident": r, "form": _welcome_form(r, persons.get(r.complex_id, []), next_query=query)}
        for r in page
    ]
    context = {"rows": rows, "page": page, "complexes": complexes, "chosen": chosen}
    return render(request, "residents/to_welcome.html", context)


@permission_required("residents.add_residentcontact", raise_exception=True)
@require_http_methods(["GET", "POST"])
def welcome_record(request, pk: int):
    """Mark one new tenant as welcomed; afterwards they are off the list."""
    resident = selectors.resident_get(user=request.user, pk=pk)
    persons = _contact_persons_by_complex(user=request.user, complex_ids=[resident.complex_id])
    form = _welcome_form(resident, persons.get(resident.complex_id, []), request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _record_contact(
            request,
            resident,
            form,
            kind=ContactKind.WELCOME,
            made_by=form.cleaned_data["made_by"],
            done=_("The welcome visit has been recorded."),
            title=_("Welcome visit"),
            back_url="residents:to_welcome",
        )
    return _contact_page(request, resident, form, _("Welcome visit"), "residents:to_welcome")


def _professional_only(user) -> None:
    # Deliberately a role, not a permission: staff and the functional admin may record
    # contacts, but this list is the professional's alone.
    if not roles.has_role(user, roles.WELFARE_PROFESSIONAL):
        raise PermissionDenied


def out_of_sight(request):
    """Residents living alone with nothing recorded for some weeks, in the professional's
    assigned complexes; each with a form to record a visit or contact."""
    _professional_only(request.user)
    today = timezone.localdate()
    complexes = selectors.complexes_for_records(user=request.user).only("pk", "name")
    chosen, residents = _chosen_complex(
        request, selectors.out_of_sight(user=request.user, today=today)
    )
    # Longest out of sight first, as the selector sorts them.
    page = Paginator(residents, OUT_OF_SIGHT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.urlencode()
    rows = [
        {
            "resident": resident,
            "last_seen": resident.last_seen,
            "weeks": (today - resident.last_seen).days // 7 if resident.last_seen else None,
            "form": VisitForm(initial={"next_query": query}, auto_id=f"id_visit_{resident.pk}_%s"),
        }
        for resident in page
    ]
    context = {
        "rows": rows,
        "page": page,
        "complexes": complexes,
        "chosen": chosen,
        "weeks": settings.OUT_OF_SIGHT_WEEKS,
    }
    return render(request, "residents/out_of_sight.html", context)


@require_http_methods(["GET", "POST"])
def out_of_sight_record(request, pk: int):
    """Record a visit, call or other contact; it takes the resident off the list."""
    _professional_only(request.user)
    if not request.user.has_perm("residents.add_residentcontact"):
        raise PermissionDenied
    resident = selectors.resident_get(user=request.user, pk=pk)
    form = VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _record_contact(
            request,
            resident,
            form,
            kind=form.cleaned_data["kind"],
            done=_("The contact has been recorded."),
            title=_("Record a visit or contact"),
            back_url="residents:out_of_sight",
        )
    return _contact_page(
        request, resident, form, _("Record a visit or contact"), "residents:out_of_sight"
    )


def _record_contact(request, resident, form, *, kind, done, title, back_url, made_by=None):
    """Record the contact and go back to the list; a service error shows on the form."""
    try:
        services.contact_record(
            resident=resident,
            user=request.user,
            kind=kind,
            date=form.cleaned_data["date"],
            made_by=made_by,
        )
    except ValidationError as error:
        add_service_errors(form, error)
        return _contact_page(request, resident, form, title, back_url)
    messages.success(request, done)
    return redirect(_list_url(back_url, form))


def _list_url(url_name: str, form) -> str:
    """The list the form came from, on the same complex and page (a cleaned query only)."""
    cleaned = getattr(form, "cleaned_data", None) or {}
    query = cleaned.get("next_query", "")
    return f"{reverse(url_name)}?{query}" if query else reverse(url_name)


def _contact_page(request, resident, form, title, back_url):
    context = {
        "form": form,
        "resident": resident,
        "title": title,
        "back_url": _list_url(back_url, form),
    }
    return render(request, "residents/resident_contact_form.html", context)


@permission_required("residents.delete_residentcontact", raise_exception=True)
@require_http_methods(["POST"])
def contact_delete(request, pk: int):
    """Remove a contact recorded by mistake; a new tenant goes back on the welcome list."""
    contact = selectors.contact_get(user=request.user, pk=pk)
    resident = contact.resident
    services.contact_delete(contact=contact, user=request.user)
    messages.success(request, _("The contact has been removed."))
    return redirect("residents:resident_detail", pk=resident.pk)
