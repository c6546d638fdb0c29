"""Provider screens: the list, the provider page with the interventions the user may see, and
create/edit/delete (the municipality and the functional admin). Every role reads providers."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from interventions import selectors, services
from interventions.filters import ProviderFilterSet
from interventions.forms.reference import ProviderForm
from interventions.models import Provider
from interventions.tables.reference import ProviderTable
from interventions.views.common import list_page, posted, require_perm
from leefbaarheid.forms import add_service_errors


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
    form = ProviderForm(posted(request), instance=copy.copy(provider) if provider else None)
    if request.method == "POST" and form.is_valid():
        try:
            if provider is None:
                saved = services.provider_create(user=request.user, data=form.data_for_service())
            else:
                saved = services.provider_update(
                    provider=provider, user=request.user, data=form.data_for_service()
                )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The provider “%(name)s” is saved.") % {"name": saved.name})
            return redirect(saved)
    cancel_url = provider.get_absolute_url() if provider else reverse("interventions:provider_list")
    return render(
        request,
        "interventions/provider_form.html",
        {"form": form, "provider": provider, "cancel_url": cancel_url},
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
    if request.method == "POST":
        try:
            services.provider_delete(provider=provider, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(provider)
        messages.success(
            request, _("The provider “%(name)s” is deleted.") % {"name": provider.name}
        )
        return redirect("interventions:provider_list")
    return render(
        request,
        "interventions/provider_confirm_delete.html",
        {"provider": provider, "in_use": provider.interventions.exists()},
    )
