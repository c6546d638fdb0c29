"""Fixed vocabularies of the interventions app: the grant lifecycle, kinds of provider, the
status of an intervention and the evaluation's checklists (success factors, approach, challenges).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class GrantStatus(models.TextChoices):
    """Where a grant is in its lifecycle: applied → awarded → running → reported → settled, or
    rejected after the application."""

    APPLIED = "applied", _("Applied")
    AWARDED = "awarded", _("Awarded")
    RUNNING = "running", _("Running")
    REPORTED = "reported", _("Reported")
    SETTLED = "settled", _("Settled")
    REJECTED = "rejected", _("Rejected")


class GrantStep(models.TextChoices):
    """A step that moves a grant from one status to the next (see ``GRANT_STEPS``)."""

    AWARD = "award", _("Award")
    REJECT = "reject", _("Reject")
    START = "start", pgettext_lazy("grant step", "Start")
    REPORT = "report", _("Submit report")
    SETTLE = "settle", _("Settle")


# step -> (the status it starts from, the status it leads to). Nothing else is a legal move.
GRANT_STEPS: dict[str, tuple[str, str]] = {
    GrantStep.AWARD: (GrantStatus.APPLIED, GrantStatus.AWARDED),
    GrantStep.REJECT: (GrantStatus.APPLIED, GrantStatus.REJECTED),
    GrantStep.START: (GrantStatus.AWARDED, GrantStatus.RUNNING),
    GrantStep.REPORT: (GrantStatus.RUNNING, GrantStatus.REPORTED),
    GrantStep.SETTLE: (GrantStatus.REPORTED, GrantStatus.SETTLED),
}
# Steps the municipality decides (award, reject, settle); the others belong to the applicant.
DECISION_STEPS = frozenset({GrantStep.AWARD, GrantStep.REJECT, GrantStep.SETTLE})
# Grants whose report is still to come: awarded or running.
REPORT_PENDING = (GrantStatus.AWARDED, GrantStatus.RUNNING)
# Grants that count in totals and overlap checks: everything not rejected.
LIVE_GRANT_STATUSES = (
    GrantStatus.APPLIED,
    GrantStatus.AWARDED,
    GrantStatus.RUNNING,
    GrantStatus.REPORTED,
    GrantStatus.SETTLED,
)


class ProviderKind(models.TextChoices):
    SOCIAL_ENTREPRENEUR = "social_entrepreneur", _("Social entrepreneur")
    WELFARE_ORGANISATION = "welfare_organisation", _("Welfare organisation")
    CARE_PROVIDER = "care_provider", _("Care provider")


class InterventionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")
    STOPPED = "stopped", _("Stopped early")


class SuccessFactor(models.TextChoices):
    """The evaluation's success factors ("Succesfactoren")."""

    MOTIVATED_GROUP = "motivated_group", _("A motivated group of residents who pull the cart")
    NEW_COMPOSITION = "new_composition", _("A new composition, not the residents' committee")
    PERSONAL_APPROACH = "personal_approach", _("Recruitment by personal approach")
    MIXING_TYPES = "mixing_types", _("Bringing different types of people together")
    FINGER_ON_PULSE = (
        "finger_on_pulse",
        _("Welfare professional and caretaker keep a finger on the pulse"),
    )


class Approach(models.TextChoices):
    """The evaluation's approach ("Aanpak")."""

    FLEXIBLE_METHOD = "flexible_method", _("A chosen method with room for flexibility")
    BUILD_ON_NEEDS = (
        "build_on_needs",
        _("Building on residents' needs and existing social processes"),
    )
    LOW_THRESHOLD = "low_threshold", _("A low-threshold start")
    CLUB_FEELING = "club_feeling", _("Fostering a club feeling")


class Challenge(models.TextChoices):
    """The evaluation's challenges ("Uitdagingen") an intervention can run into."""

    VACANCY = "vacancy", _("Vacancy: no steering on who moves in")
    CORE_GROUP = "core_group", _("Composition of the core group")
    KEEP_MOTIVATED = "keep_motivated", _("Keeping active residents motivated")
    NEW_TENANTS = "new_tenants", _("Reaching new tenants")
    INVISIBLE_HELP = "invisible_help", _("Small-scale mutual help is invisible")
    RESIDENT_MIX = "resident_mix", _("A balanced mix of residents")
    SOCIAL_SAFETY = "social_safety", _("Social safety")


class WorkKind(models.TextChoices):
    """The kinds of welfare work a professional logs hours for."""

    GROUP_WORK = "group_work", _("Group work")
    HOME_VISIT = "home_visit", _("Home visit")
    ACTIVITY = "activity", _("Activity")
    CONSULTATION = "consultation", _("Consultation")
    COORDINATION = "coordination", _("Coordination")
    OTHER = "other", _("Other")


class WeekStatus(models.TextChoices):
    """A professional's week of hours: open → submitted → approved. A submission withdrawn goes
    back to open; one returned by the approver is returned: open for its owner to correct,
    whatever its age, until it is submitted again."""

    OPEN = "open", _("Open")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned")


class Verdict(models.TextChoices):
    """Whether an intervention's effect on the index lasted."""

    TOO_EARLY = "too_early", _("Too early to tell")
    NO_DATA = "no_data", _("Not enough data")
    NO_EFFECT = "no_effect", _("No effect during the intervention")
    HELD = "held", _("The effect held")
    FADED = "faded", _("The effect faded")
