"""What the building-life screens of the residents app share (groups, activities, room bookings,
mutual help): which complexes a new record may go into, the choice of one, the list's "new in
complex" choices, and the way back to the list filtered on the complex just worked in."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from complexes.models import Complex
from leefbaarheid import params, web
from residents import selectors


def complexes_for(user):
    """The complexes in which ``user`` may keep records (every residents-app model shares one
    scope: officials see complexes, not their day-to-day records)."""
    return selectors.complexes_for_records(user=user)


def complex_from_query(request) -> Complex | None:
    """The complex of ``?complex=<id>`` a new record is made in; ``None`` when none was chosen
    yet (the caller offers the choice). Another corporation's or an unknown complex is a 404."""
    value = request.GET.get("complex", "")
    if not value:
        return None
    pk = params.id_or_none(value)
    if pk is None:
        raise Http404(_("Choose a complex first."))
    return get_object_or_404(complexes_for(request.user), pk=pk)


def choose_complex(request, *, title: str, back_url: str):
    """The first step of a new record opened without a complex: pick one of those the user may
    keep records in. Other query parameters (a day picked in the calendar) are carried along."""
    form = web.ComplexChoiceForm(complexes=complexes_for(request.user).only("pk", "name"))
    carried = [(k, v) for k, v in request.GET.items() if k not in ("complex", "page")]
    return web.choose_complex(request, form, title=title, back_url=back_url, carried=carried)


def new_in_complex(request, model) -> dict:
    """The list page's extra context: the complexes a new ``model`` record may be started in
    (only for those who may add), and the complex the list is filtered on; an htmx swap of the
    table sends these choices along out of band."""
    add_perm = f"{model._meta.app_label}.add_{model._meta.model_name}"
    return {
        "new_complexes": (
            complexes_for(request.user).only("pk", "name")
            if request.user.has_perm(add_perm)
            else None
        ),
        "chosen_complex": request.GET.get("complex", ""),
    }


def back_to_list(url_name: str, complex_id: int):
    """Back to the list, filtered on the complex the user just worked in."""
    return redirect(f"{reverse(url_name)}?complex={complex_id}")


def form_data(form) -> dict:
    """The cleaned values the service takes: the form's ``DATA_FIELDS``."""
    return {name: form.cleaned_data[name] for name in form.DATA_FIELDS}
