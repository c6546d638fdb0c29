"""Subsidy-scheme screens: the list with each scheme's grants, the scheme page with its totals
per year, and create/edit/delete (the municipality and the functional admin).

Schemes are read by every role but the intervention team; the grants counted are always only
those the user may see (``selectors.grant_list``).
"""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from interventions import selectors, services
from interventions.choices import LIVE_GRANT_STATUSES
from interventions.filters import SchemeFilterSet
from interventions.forms.reference import SchemeForm
from interventions.models import Grant, SubsidyScheme
from interventions.tables.reference import SchemeTable
from interventions.views.common import ReferenceScreens
from leefbaarheid.web import list_page


def _with_grant_figures(queryset, user):
    """Annotate ``grant_count`` and ``awarded_total`` over the grants the user may see (the
    awarded total of live grants only), in the same query as the schemes."""
    visible = Q(grants__in=Grant.objects.visible_to(user).values("pk"))
    return queryset.annotate(
        grant_count=Count("grants", filter=visible, distinct=True),
        awarded_total=Coalesce(
            Sum(
                "grants__amount_awarded",
                filter=visible & Q(grants__status__in=LIVE_GRANT_STATUSES),
            ),
            selectors.ZERO,
        ),
    )


@permission_required("interventions.view_subsidyscheme", raise_exception=True)
def scheme_list(request):
    queryset = _with_grant_figures(selectors.scheme_list(user=request.user), request.user)
    filterset = SchemeFilterSet(request.GET, queryset=queryset, request=request)
    return list_page(
        request,
        filterset=filterset,
        table=SchemeTable(filterset.qs),
        template="interventions/scheme_list.html",
        partial="interventions/_scheme_table.html",
    )


@permission_required("interventions.view_subsidyscheme", raise_exception=True)
def scheme_detail(request, pk: int):
    """A scheme: purpose, bounds, period, and its grants the user may see totalled per year."""
    scheme = selectors.scheme_get(user=request.user, pk=pk)
    grants = selectors.grant_list(user=request.user).filter(scheme=scheme)
    context = {
        "scheme": scheme,
        "per_year": selectors.grant_totals_by(grants, "year"),
        "totals": selectors.grant_totals(grants),
        "grants_url": f"{reverse('interventions:grant_list')}?scheme={scheme.pk}",
    }
    return render(request, "interventions/scheme_detail.html", context)


SCREENS = ReferenceScreens(
    model=SubsidyScheme,
    name="scheme",
    get=selectors.scheme_get,
    form=SchemeForm,
    create=services.scheme_create,
    update=services.scheme_update,
    # A scheme that gave a grant is refused, with the reason.
    delete=services.scheme_delete,
    delete_context=lambda scheme: {"has_grants": scheme.grants.exists()},
    saved_message=gettext_lazy("The scheme “%(name)s” is saved."),
    deleted_message=gettext_lazy("The scheme “%(name)s” is deleted."),
)
scheme_create, scheme_update, scheme_delete = SCREENS.views()
