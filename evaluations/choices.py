"""Fixed vocabularies of the evaluations app: the cohesion index's components and statuses, the
De Jong Gierveld loneliness items and answers, and the reach of a budget scenario."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

StrOrPromise = str | Promise


class Component(models.TextChoices):
    """The components of the cohesion index (DESIGN.md, "Cohesion indicator"), in display order."""

    HOURS = "hours", _("Welfare hours")
    GALLERIES = "galleries", _("Gallery coverage")
    OCCUPANCY = "occupancy", _("Occupancy")
    CORE_GROUP = "core_group", _("Core group")
    PARTICIPATION = "participation", _("Participation")
    NEW_TENANTS = "new_tenants", _("New-tenant reach")
    MUTUAL_HELP = "mutual_help", _("Mutual help")
    LONELINESS = "loneliness", _("Loneliness")


class Status(models.TextChoices):
    """A snapshot's colour: red below the lower threshold, green from the upper one."""

    RED = "red", _("Red")
    AMBER = "amber", _("Amber")
    GREEN = "green", _("Green")
    NO_DATA = "no_data", _("No data")


class Answer(models.TextChoices):
    """An answer to a loneliness item; a missing answer is stored as the empty string."""

    YES = "yes", _("Yes")
    MORE_OR_LESS = "more_or_less", _("More or less")
    NO = "no", _("No")


# The six items of the De Jong Gierveld short scale: (field, wording, which answers count as
# lonely). The emotional items are worded negatively, the social items positively, and "more or
# less" counts as lonely on both.
EMOTIONAL_LONELY = frozenset({Answer.YES, Answer.MORE_OR_LESS})
SOCIAL_LONELY = frozenset({Answer.NO, Answer.MORE_OR_LESS})
LONELINESS_ITEMS: tuple[tuple[str, StrOrPromise, frozenset[str]], ...] = (
    ("emptiness", _("I experience a general sense of emptiness."), EMOTIONAL_LONELY),
    ("miss_people", _("I miss having people around me."), EMOTIONAL_LONELY),
    ("rejected", _("I often feel rejected."), EMOTIONAL_LONELY),
    ("rely_on", _("There are plenty of people I can rely on when I have problems."), SOCIAL_LONELY),
    ("trust", _("There are many people I can trust completely."), SOCIAL_LONELY),
    ("close_to", _("There are enough people I feel close to."), SOCIAL_LONELY),
)
ITEM_FIELDS = tuple(field for field, _wording, _lonely in LONELINESS_ITEMS)


class LonelinessLevel(models.TextChoices):
    """The scale's cut-off points on the total 0–6."""

    NOT_LONELY = "not_lonely", _("Not lonely (0–1)")
    MODERATE = "moderate", _("Moderately lonely (2–4)")
    SEVERE = "severe", _("Severely lonely (5–6)")


class Scope(models.TextChoices):
    """Which complexes a budget scenario counts."""

    FIXED = "fixed", _("A fixed number")
    ALL = "all", _("All senior complexes in the database")
    CORPORATION = "corporation", _("The senior complexes of one corporation")
    DISTRICT = "district", _("The senior complexes of one district")
