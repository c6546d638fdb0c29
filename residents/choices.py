"""Fixed vocabularies of the residents app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Household(models.TextChoices):
    """A resident's household; the first three count as living alone."""

    ALONE = "alone", _("Living alone")
    WIDOWED = "widowed", _("Widowed, living alone")
    DIVORCED = "divorced", _("Divorced, living alone")
    COUPLE = "couple", _("Couple")
    OTHER = "other", _("Other")


LIVING_ALONE = (Household.ALONE, Household.WIDOWED, Household.DIVORCED)


class AgeBand(models.TextChoices):
    """Age bands the resident mix is shown in (from the birth year, never the birth date)."""

    UNDER_55 = "under_55", _("Under 55")
    FROM_55 = "55_74", _("55–74")
    FROM_75 = "75_plus", _("75+")
    UNKNOWN = "unknown", _("Unknown")


class GroupKind(models.TextChoices):
    COMMITTEE = "committee", _("Residents' committee")
    CORE_GROUP = "core_group", _("Core group")
    WOMENS_GROUP = "womens_group", _("Women's group")
    LANGUAGE_GROUP = "language_group", _("Language group")
    ACTIVITY_CLUB = "activity_club", _("Activity club")
    OTHER = "other", _("Other")


class ActivityKind(models.TextChoices):
    COFFEE = "coffee", _("Coffee morning")
    CARDS = "cards", _("Cards")
    BINGO = "bingo", _("Bingo")
    MEAL = "meal", _("Shared meal")
    OTHER = "other", _("Other")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    CANCELLED = "cancelled", _("Cancelled")


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    WEEKLY = "weekly", _("Weekly")


class HelpKind(models.TextChoices):
    GROCERIES = "groceries", _("Groceries")
    COOKING = "cooking", _("Cooking")
    RUBBISH = "rubbish", _("Taking out the rubbish")
    CHILDREN = "children", _("Looking after children")
    COMPANY = "company", _("Visits and company")
    OTHER = "other", _("Other")


class ContactKind(models.TextChoices):
    """A personal contact with a resident; a welcome visit takes a new tenant off the list."""

    WELCOME = "welcome", _("Welcome visit")
    VISIT = "visit", _("Home visit")
    PHONE = "phone", _("Phone call")
    OTHER = "other", _("Other contact")
