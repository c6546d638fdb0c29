"""Fixed vocabularies of the complexes app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyBand(models.TextChoices):
    """Bands the complex list filters vacancy by."""

    NONE = "none", _("No vacancy")
    LOW = "low", _("Up to 5%")
    HIGH = "high", _("More than 5%")


class RoomManager(models.TextChoices):
    """Who runs the communal room ("Wie gaat er eigenlijk over?")."""

    COMMITTEE = "committee", _("Residents' committee")
    CORE_GROUP = "core_group", _("Core group")
    CORPORATION = "corporation", _("Corporation")
    WELFARE = "welfare", _("Welfare organisation")
    NOBODY = "nobody", _("Nobody")
