"""Fixed vocabularies of the complexes app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VacancyBand(models.TextChoices):
    """Bands the complex list filters vacancy by."""

    NONE = "none", _("No vacancy")
    LOW = "low", _("Up to 5%")
    HIGH = "high", _("More than 5%")
