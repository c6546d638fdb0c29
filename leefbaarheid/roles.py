"""The five roles of DESIGN.md, as Django groups with model permissions.

A role is a group; what it may do is a set of model permissions kept in sync from ROLE_PERMISSIONS
(by a data migration and after every ``migrate``). Which *objects* a role reaches is decided by the
``visible_to(user)`` queryset method of each model, never here.
"""

from collections.abc import Iterable

from django.utils.translation import gettext_lazy as _

CORPORATION_STAFF = "corporation_staff"
WELFARE_PROFESSIONAL = "welfare_professional"
MUNICIPALITY_OFFICIAL = "municipality_official"
INTERVENTION_TEAM = "intervention_team"
FUNCTIONAL_ADMIN = "functional_admin"

ROLES = (
    CORPORATION_STAFF,
    WELFARE_PROFESSIONAL,
    MUNICIPALITY_OFFICIAL,
    INTERVENTION_TEAM,
    FUNCTIONAL_ADMIN,
)
ROLE_LABELS = {
    CORPORATION_STAFF: _("Corporation staff"),
    WELFARE_PROFESSIONAL: _("Welfare professional"),
    MUNICIPALITY_OFFICIAL: _("Municipality official"),
    INTERVENTION_TEAM: _("Intervention team"),
    FUNCTIONAL_ADMIN: _("Functional admin"),
}
# Roles that read every complex in the city (each model still decides what it shows them).
CITY_WIDE_ROLES = frozenset({MUNICIPALITY_OFFICIAL, INTERVENTION_TEAM, FUNCTIONAL_ADMIN})
# Roles whose reach is some complexes only: their own corporation's, or the assigned ones.
LOCAL_ROLES = frozenset({CORPORATION_STAFF, WELFARE_PROFESSIONAL})
# Who reads every row of the residents' day-to-day records regardless of corporation or
# assignment: officials and the intervention team see complexes, not these records.
LOCAL_ROLES_ONLY = frozenset({FUNCTIONAL_ADMIN})

SET_CONTACT_PERSON = "set_contact_person"
DECIDE_GRANT = "decide_grant"  # award, reject and settle a grant
APPROVE_HOURS = "approve_hours"  # approve or return a submitted week (admin, or a team lead)
UNLOCK_HOURS = "unlock_hours"  # reopen an approved week or one past the grace period
CUSTOM_PERMISSIONS = frozenset({SET_CONTACT_PERSON, DECIDE_GRANT, APPROVE_HOURS, UNLOCK_HOURS})

READ = ("view",)
WRITE = ("view", "add", "change", "delete")

# role -> {"app_label.model": actions}; the matrix "Who may do what" of DESIGN.md.
REFERENCE_READ = {"complexes.corporation": READ, "complexes.district": READ}
# The day-to-day records of a building: groups, activities, bookings, mutual help, welcomes.
LOCAL_RECORDS = (
    "residents.residentgroup",
    "residents.membership",
    "residents.activity",
    "residents.roombooking",
    "residents.mutualhelp",
    "residents.residentcontact",
)
LOCAL_WRITE = dict.fromkeys(LOCAL_RECORDS, WRITE)
# Subsidy schemes and providers are reference data of the interventions app.
FUNDING_REFERENCE_READ = {"interventions.subsidyscheme": READ, "interventions.provider": READ}
# The welfare calendar: read by everyone who reads hours, set by the municipality.
CALENDAR_READ = {"interventions.welfarecalendar": READ}
FUNDING_WRITE = {
    "interventions.subsidyscheme": WRITE,
    "interventions.provider": WRITE,
    "interventions.grant": (*WRITE, DECIDE_GRANT),
    "interventions.intervention": WRITE,
}
HOURS_READ = {"interventions.hoursentry": READ, "interventions.hoursweek": READ}
# The cohesion index and the actual hours beside the budget: every role but the team reads them
# (for the complexes it reaches); the functional admin sets the weights and thresholds.
INDICATORS_READ = {
    "evaluations.indicatorsnapshot": READ,
    "evaluations.indicatorsettings": READ,
    "evaluations.budgetactual": READ,
}
BUILDING_READ = {
    "complexes.complex": READ,
    "complexes.gallery": READ,
    "complexes.occupancysnapshot": READ,
}
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CORPORATION_STAFF: {
        **REFERENCE_READ,
        "complexes.complex": WRITE,
        "complexes.gallery": (*WRITE, SET_CONTACT_PERSON),
        "complexes.occupancysnapshot": WRITE,
        "residents.resident": WRITE,
        **LOCAL_WRITE,
        **FUNDING_REFERENCE_READ,
        # Apply, correct the application, start, report; deciding is the municipality's.
        "interventions.grant": WRITE,
        "interventions.intervention": WRITE,
        "interventions.hoursentry": READ,
        **CALENDAR_READ,
        **INDICATORS_READ,
        "evaluations.surveyround": READ,
    },
    WELFARE_PROFESSIONAL: {
        **REFERENCE_READ,
        **BUILDING_READ,
        "complexes.gallery": (*READ, SET_CONTACT_PERSON),
        "residents.resident": WRITE,
        **LOCAL_WRITE,
        **FUNDING_REFERENCE_READ,
        "interventions.grant": READ,
        "interventions.intervention": READ,
        # Their own hours; submitting or withdrawing their own week is a change of the week.
        "interventions.hoursentry": WRITE,
        "interventions.hoursweek": ("view", "change"),
        **CALENDAR_READ,
        **INDICATORS_READ,
        # Rounds and paper responses in the assigned complexes.
        "evaluations.surveyround": WRITE,
        "evaluations.surveyresponse": WRITE,
    },
    # Officials see counts of residents and local records (through selectors), never the rows.
    MUNICIPALITY_OFFICIAL: {
        **REFERENCE_READ,
        **BUILDING_READ,
        **FUNDING_WRITE,
        **HOURS_READ,
        "interventions.welfarecalendar": WRITE,
        **INDICATORS_READ,
        "evaluations.surveyround": READ,
        "evaluations.budgetscenario": WRITE,
    },
    # Residents in their cases arrive with the cases (a later issue).
    INTERVENTION_TEAM: {
        **REFERENCE_READ,
        **BUILDING_READ,
        "interventions.provider": READ,
    },
    FUNCTIONAL_ADMIN: {
        "complexes.corporation": WRITE,
        "complexes.district": WRITE,
        "complexes.complex": WRITE,
        "complexes.gallery": (*WRITE, SET_CONTACT_PERSON),
        "complexes.occupancysnapshot": WRITE,
        "residents.resident": WRITE,
        **LOCAL_WRITE,
        **FUNDING_WRITE,
        "interventions.hoursentry": WRITE,
        "interventions.hoursweek": (*WRITE, APPROVE_HOURS, UNLOCK_HOURS),
        "interventions.welfarecalendar": WRITE,
        **INDICATORS_READ,
        "evaluations.indicatorsettings": ("view", "change"),
        "evaluations.surveyround": WRITE,
        "evaluations.surveyresponse": WRITE,
        "evaluations.budgetscenario": WRITE,
        "leefbaarheid.user": WRITE,
        "leefbaarheid.auditentry": READ,
        "auth.group": READ,
        "django_celery_beat.periodictask": WRITE,
        "axes.accessattempt": ("view", "delete"),
    },
}


def user_roles(user) -> frozenset[str]:
    """The role names of a user, cached on the user object for the rest of the request.

    A superuser counts as functional admin; an anonymous or inactive user has no role.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_role_cache", None)
    if cached is None:
        names = set(user.groups.filter(name__in=ROLES).values_list("name", flat=True))
        if user.is_superuser:
            names.add(FUNCTIONAL_ADMIN)
        cached = frozenset(names)
        user._role_cache = cached
    return cached


def reaches_every_complex(held: frozenset[str], city_wide_roles: frozenset[str]) -> bool:
    """Whether roles ``held`` reach every complex, given the roles that do for some model.

    A user should hold one role (the admin form refuses two). Should a local role be combined
    with a city-wide read role anyway, the local reach wins: permissions add up across roles,
    so a corporation's staff member who is also an official would otherwise write everywhere.
    """
    if FUNCTIONAL_ADMIN in held and FUNCTIONAL_ADMIN in city_wide_roles:
        return True
    if held & LOCAL_ROLES:
        return False
    return bool(held & city_wide_roles)


def has_role(user, *names: str) -> bool:
    """Whether the user holds at least one of the given roles."""
    return bool(user_roles(user) & set(names))


def primary_role(user) -> str | None:
    """The role that decides a user's start page and menu: the widest one they hold."""
    held = user_roles(user)
    for name in reversed(ROLES):
        if name in held:
            return name
    return None


def _permission_keys(spec: dict[str, tuple[str, ...]]) -> Iterable[tuple[str, str]]:
    for label, actions in spec.items():
        app_label, model = label.split(".")
        for action in actions:
            # A model's own permissions are "<action>_<model>"; a custom one is named whole.
            yield app_label, action if action in CUSTOM_PERMISSIONS else f"{action}_{model}"


def sync_roles(apps=None, *, strict: bool = True) -> None:
    """Create the role groups and give each exactly the permissions of ROLE_PERMISSIONS.

    ``apps`` is a migration's app registry, or None for the live one. With ``strict`` a permission
    that does not exist is an error; a data migration passes False because models added by later
    migrations do not exist yet at that point (the post-migrate sync then completes the set).
    """
    from django.apps import apps as live_apps

    registry = apps or live_apps
    group_model = registry.get_model("auth", "Group")
    permission_model = registry.get_model("auth", "Permission")

    all_perms = {
        (app_label, codename): pk
        for pk, app_label, codename in permission_model.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    for role in ROLES:
        wanted = set(_permission_keys(ROLE_PERMISSIONS.get(role, {})))
        missing = wanted - all_perms.keys()
        if missing and strict:
            raise LookupError(f"Role {role} names unknown permissions: {sorted(missing)}")
        group, _created = group_model.objects.get_or_create(name=role)
        group.permissions.set([all_perms[key] for key in wanted if key in all_perms])


# Role sets of the interventions app: who reads funding and the reference data city-wide.

# Who reads every grant and intervention in the city.
FUNDING_ROLES = frozenset({MUNICIPALITY_OFFICIAL, FUNCTIONAL_ADMIN})
# Who reads the subsidy schemes: every role except the intervention team.
SCHEME_READERS = frozenset(
    {
        CORPORATION_STAFF,
        WELFARE_PROFESSIONAL,
        MUNICIPALITY_OFFICIAL,
        FUNCTIONAL_ADMIN,
    }
)
