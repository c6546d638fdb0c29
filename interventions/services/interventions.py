"""Writes of the interventions carried out in a complex."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from complexes.models import Complex
from interventions.models import Intervention
from leefbaarheid.services import delete_logged, save_validated


@transaction.atomic
def intervention_create(*, complex: Complex, user, data: dict[str, Any]) -> Intervention:
    """Record an intervention in a complex."""
    return save_validated(Intervention(complex=complex), data, user=user)


@transaction.atomic
def intervention_update(*, intervention: Intervention, user, data: dict[str, Any]) -> Intervention:
    """Change an intervention; it stays in the complex it was recorded in."""
    data = dict(data)
    complex_ = data.pop("complex", None)
    if complex_ is not None and complex_.pk != intervention.complex_id:
        raise ValidationError(
            {"complex": _("A record cannot be moved to another complex; create it there instead.")}
        )
    return save_validated(intervention, data, user=user)


@transaction.atomic
def intervention_delete(*, intervention: Intervention, user) -> None:
    """Delete an intervention."""
    delete_logged(intervention, user=user)
