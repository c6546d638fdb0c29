"""Resident groups: the committee, the core group, the women's group… of a complex.

Also holds the few helpers the other building-life screens (activities, room bookings, mutual
help) share: which complex a new record goes into, and the list-page pattern with htmx.
"""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.db.models import F
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from complexes.models import Complex
from leefbaarheid import params
from leefbaarheid.forms import add_service_errors
from residents import selectors, services
from residents.filters import ResidentGroupFilterSet
from residents.forms import ResidentComplexForm, ResidentGroupForm
from residents.models import ResidentGroup
from residents.tables import ResidentGroupTable


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def complexes_for(user, model):
    """The complexes in which ``user`` may keep records of ``model`` (every residents-app model
    shares one scope: officials see complexes, not their day-to-day records)."""
    return selectors.complexes_for_records(user=user)


def complex_from_query(request, model) -> Complex | None:
    """The complex of ``?complex=<id>`` a new record is made in; ``None`` when none was chosen
    yet (the caller offers the choice). Another corporation's or an unknown complex is a 404."""
    value = request.GET.get("complex", "")
    if not value:
        return None
    pk = params.id_or_none(value)
    if pk is None:
        raise Http404(_("Choose a complex first."))
    return get_object_or_404(complexes_for(request.user, model), pk=pk)


def choose_complex(request, model, *, title: str, back_url: str):
    """The first step of a new record opened without a complex: pick one of those the user may
    keep records in. Other query parameters (a day picked in the calendar) are carried along."""
    form = ResidentComplexForm(complexes=complexes_for(request.user, model).only("pk", "name"))
    context = {
        "form": form,
        "title": title,
        "back_url": back_url,
        "carried": [(k, v) for k, v in request.GET.items() if k not in ("complex", "page")],
    }
    return render(request, "residents/complex_choose.html", context)


def list_page(request, *, filterset, table, template: str, partial: str, model, extra=None):
    """Render a filtered, sorted, paged list; an htmx request gets just the table, and with it
    (out of band) the choices that follow the chosen complex."""
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    add_perm = f"{model._meta.app_label}.add_{model._meta.model_name}"
    context = {
        "filter": filterset,
        "table": table,
        "oob": is_htmx(request),
        # The complexes a new record may be started in (only for those who may add).
        "new_complexes": (
            complexes_for(request.user, model).only("pk", "name")
            if request.user.has_perm(add_perm)
            else None
        ),
        "chosen_complex": request.GET.get("complex", ""),
        **(extra or {}),
    }
    return render(request, partial if is_htmx(request) else template, context)


def back_to_list(url_name: str, complex_id: int):
    """Back to the list, filtered on the complex the user just worked in."""
    return redirect(f"{reverse(url_name)}?complex={complex_id}")


def posted(request):
    return request.POST if request.method == "POST" else None


def form_data(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.DATA_FIELDS}


# Groups ---------------------------------------------------------------------------------------


@permission_required("residents.view_residentgroup", raise_exception=True)
def group_list(request):
    queryset = selectors.group_list(user=request.user).annotate(
        member_count=F("named_members") + F("unnamed_members")
    )
    filterset = ResidentGroupFilterSet(request.GET, queryset=queryset, request=request)
    return list_page(
        request,
        filterset=filterset,
        table=ResidentGroupTable(filterset.qs),
        template="residents/group_list.html",
        partial="residents/_group_table.html",
        model=ResidentGroup,
    )


@permission_required("residents.add_residentgroup", raise_exception=True)
def group_create(request):
    complex_ = complex_from_query(request, ResidentGroup)
    if complex_ is None:
        return choose_complex(
            request, ResidentGroup, title=_("New group"), back_url=reverse("residents:group_list")
        )
    return _group_form(request, complex_=complex_, group=None)


@permission_required("residents.change_residentgroup", raise_exception=True)
def group_update(request, pk: int):
    group = selectors.group_get(user=request.user, pk=pk)
    return _group_form(request, complex_=group.complex, group=group)


def _group_form(request, *, complex_: Complex, group: ResidentGroup | None):
    initial = None
    if group is not None:
        initial = {
            "kind": group.kind,
            "name": group.name,
            "started": group.started,
            "active": group.active,
            "unnamed_members": group.unnamed_members,
            "members": group.members.all(),
        }
    form = ResidentGroupForm(posted(request), initial=initial, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.group_save(
                user=request.user,
                data=form_data(form),
                members=form.cleaned_data["members"],
                group=group,
                complex=complex_ if group is None else None,
            )
        except ValidationError as error:
            # The only rule on the whole record is the name, unique within the complex.
            add_service_errors(form, error, whole_record_field="name")
        else:
            messages.success(request, _("The group “%(name)s” is saved.") % {"name": saved.name})
            return back_to_list("residents:group_list", saved.complex_id)
    return render(
        request, "residents/group_form.html", {"form": form, "complex": complex_, "group": group}
    )


@permission_required("residents.delete_residentgroup", raise_exception=True)
def group_delete(request, pk: int):
    group = selectors.group_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.group_delete(group=group, user=request.user)
        messages.success(request, _("The group “%(name)s” is deleted.") % {"name": group.name})
        return back_to_list("residents:group_list", group.complex_id)
    return render(request, "residents/group_confirm_delete.html", {"group": group})
