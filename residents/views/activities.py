"""Activities in the communal room: coffee mornings, cards, bingo, meals, with who came."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from complexes.models import Complex
from leefbaarheid.forms import add_service_errors
from residents import selectors, services
from residents.filters import ActivityScreenFilterSet
from residents.forms import ActivityForm
from residents.models import Activity
from residents.tables import ActivityTable
from residents.views.groups import (
    back_to_list,
    choose_complex,
    complex_from_query,
    form_data,
    list_page,
    posted,
)


@permission_required("residents.view_activity", raise_exception=True)
def activity_list(request):
    filterset = ActivityScreenFilterSet(
        request.GET, queryset=selectors.activity_list(user=request.user), request=request
    )
    return list_page(
        request,
        filterset=filterset,
        table=ActivityTable(filterset.qs),
        template="residents/activity_list.html",
        partial="residents/_activity_table.html",
        model=Activity,
    )


@permission_required("residents.add_activity", raise_exception=True)
def activity_create(request):
    complex_ = complex_from_query(request, Activity)
    if complex_ is None:
        back = reverse("residents:activity_list")
        return choose_complex(request, Activity, title=_("New activity"), back_url=back)
    return _activity_form(request, complex_=complex_, activity=None)


@permission_required("residents.change_activity", raise_exception=True)
def activity_update(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    return _activity_form(request, complex_=activity.complex, activity=activity)


def _activity_form(request, *, complex_: Complex, activity: Activity | None):
    initial = None
    if activity is not None:
        initial = {
            "group": activity.group_id,
            "kind": activity.kind,
            "date": activity.date,
            "head_count": activity.head_count,
            "note": activity.note,
            "attendees": activity.attendees.all(),
        }
    form = ActivityForm(posted(request), initial=initial, complex=complex_)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.activity_save(
                user=request.user,
                data=form_data(form),
                attendees=form.cleaned_data["attendees"],
                activity=activity,
                complex=complex_ if activity is None else None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("The activity “%(activity)s” is saved.") % {"activity": saved}
            )
            return back_to_list("residents:activity_list", saved.complex_id)
    return render(
        request,
        "residents/activity_form.html",
        {"form": form, "complex": complex_, "activity": activity},
    )


@permission_required("residents.delete_activity", raise_exception=True)
def activity_delete(request, pk: int):
    activity = selectors.activity_get(user=request.user, pk=pk)
    if request.method == "POST":
        services.activity_delete(activity=activity, user=request.user)
        messages.success(
            request, _("The activity “%(activity)s” is deleted.") % {"activity": activity}
        )
        return back_to_list("residents:activity_list", activity.complex_id)
    return render(request, "residents/activity_confirm_delete.html", {"activity": activity})
