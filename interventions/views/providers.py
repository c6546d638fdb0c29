"""Provider screens: the list, the provider page with the interventions the user may see, and
create/edit/delete (the municipality and the functional admin). Every role reads providers."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.utils.translation import gettext_lazy

from interventions import selectors, services
from interventions.filters import ProviderFilterSet
from interventions.forms.reference import ProviderForm
from interventions.models import Provider
from interventions.tables.reference import ProviderTable
from interventions.views.common import ReferenceScreens
from leefbaarheid.web import list_page


@permission_required("interventions.view_provider", raise_exception=True)
def provider_list(request):
    filterset = ProviderFilterSet(
        request.GET, queryset=selectors.provider_list(user=request.user), request=request
    )
    return list_page(
        request,
        filterset=filterset,
        table=ProviderTable(filterset.qs),
        template="interventions/provider_list.html",
        partial="interventions/_provider_table.html",
    )


@permission_required("interventions.view_provider", raise_exception=True)
def provider_detail(request, pk: int):
    """A provider's contact details and the interventions by them that the user may see."""
    provider = selectors.provider_get(user=request.user, pk=pk)
    interventions = None
    if request.user.has_perm("interventions.view_intervention"):
        interventions = list(
            selectors.intervention_list(user=request.user)
            .filter(provider=provider)
            .order_by("-start", "title")
        )
    return render(
        request,
        "interventions/provider_detail.html",
        {"provider": provider, "interventions": interventions},
    )


SCREENS = ReferenceScreens(
    model=Provider,
    name="provider",
    get=selectors.provider_get,
    form=ProviderForm,
    create=services.provider_create,
    update=services.provider_update,
    # A provider that carried out interventions is refused.
    delete=services.provider_delete,
    delete_context=lambda provider: {"in_use": provider.interventions.exists()},
    saved_message=gettext_lazy("The provider “%(name)s” is saved."),
    deleted_message=gettext_lazy("The provider “%(name)s” is deleted."),
)
provider_create, provider_update, provider_delete = SCREENS.views()
