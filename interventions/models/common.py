"""What the interventions app's models share: the checklist validator, the money validators
and the queryset base that scopes grants, interventions and hours to a complex.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from complexes.models import ComplexScopedQuerySet
from leefbaarheid import roles


def money_validators():
    return [MinValueValidator(Decimal("0.00"))]


class ChoiceList:
    """Validates a JSON list of choice values: each known, none twice (a checklist)."""

    def __init__(self, choices: type[models.TextChoices]):
        self.choices = choices

    def __call__(self, value) -> None:
        if not isinstance(value, list) or any(item not in self.choices.values for item in value):
            raise ValidationError(_("Choose only items of the list."), code="invalid_choice")
        if len(set(value)) != len(value):
            raise ValidationError(_("Each item can be ticked once."), code="duplicate")

    def __eq__(self, other) -> bool:  # migrations compare validators
        return isinstance(other, ChoiceList) and other.choices is self.choices

    def deconstruct(self):
        # The package's name, which the migrations import, not this module's.
        return (
            "interventions.models.ChoiceList",
            (),
            {"choices": self.choices},
        )


class FundingQuerySet(ComplexScopedQuerySet):
    """Grants and interventions: the municipality and the functional admin read all of them;
    corporation staff their own, professionals the assigned complexes', the team nothing."""

    city_wide_roles = roles.FUNDING_ROLES

    def visible_to(self, user):
        if not roles.user_roles(user) & (roles.FUNDING_ROLES | roles.LOCAL_ROLES):
            return self.none()
        return super().visible_to(user)
