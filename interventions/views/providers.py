"""Provider screens: the list, the provider page with the interventions the user may see, and
create/edit/delete (the municipality and the functional admin). Every role reads providers."""

from django.contrib.auth.decorators import permission_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from interventions import selectors, services
from interventions.filters import ProviderFilterSet
from interventions.forms.reference import ProviderForm
from interventions.models import Provider
from interventions.tables.reference import ProviderTable
from interventions.views.common import reference_delete, reference_form
from leefbaarheid.web import list_page, require_perm


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


def _provider_form(request, *, provider: Provider | None):
    def save(data):
        if provider is None:
            return services.provider_create(user=request.user, data=data)
        return services.provider_update(provider=provider, user=request.user, data=data)

    return reference_form(
        request,
        form_class=ProviderForm,
        instance=provider,
        save=save,
        template="interventions/provider_form.html",
        context_name="provider",
        cancel_url=(
            provider.get_absolute_url() if provider else reverse("interventions:provider_list")
        ),
        saved_message=_("The provider “%(name)s” is saved."),
    )


@permission_required("interventions.add_provider", raise_exception=True)
def provider_create(request):
    return _provider_form(request, provider=None)


@permission_required("interventions.view_provider", raise_exception=True)
def provider_update(request, pk: int):
    provider = selectors.provider_get(user=request.user, pk=pk)
    require_perm(request.user, "interventions.change_provider")
    return _provider_form(request, provider=provider)


@permission_required("interventions.view_provider", raise_exception=True)
def provider_delete(request, pk: int):
    """Delete a provider without interventions; one that carried some out is refused."""
    provider = selectors.provider_get(user=request.user, pk=pk)
    require_perm(request.user, "interventions.delete_provider")
    return reference_delete(
        request,
        instance=provider,
        delete=lambda: services.provider_delete(provider=provider, user=request.user),
        template="interventions/provider_confirm_delete.html",
        context={"provider": provider, "in_use": provider.interventions.exists()},
        list_url=reverse("interventions:provider_list"),
        message=_("The provider “%(name)s” is deleted."),
    )
