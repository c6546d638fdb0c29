"""Template context shared by every page: the navigation for the user's role."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leefbaarheid import roles


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    permission: str | None = None  # model permission that shows the item
    role: str | None = None  # or: the role that shows it
    menu: str | None = None  # items with the same menu label fold into one dropdown


RESIDENTS_MENU = _("Residents")
COMMUNITY_MENU = _("Community life")
FUNDING_MENU = _("Funding")
HOURS_MENU = _("Welfare hours")
COHESION_MENU = _("Cohesion")


# Later issues add their screens here; an item shows only to users allowed to open it.
NAVIGATION = (
    NavItem(_("Overview"), "home"),
    NavItem(_("Complexes"), "complexes:complex_list", permission="complexes.view_complex"),
    NavItem(
        _("All residents"),
        "residents:resident_list",
        permission="residents.view_resident",
        menu=RESIDENTS_MENU,
    ),
    NavItem(
        _("To welcome"),
        "residents:to_welcome",
        permission="residents.add_residentcontact",
        menu=RESIDENTS_MENU,
    ),
    NavItem(
        _("Out of sight"),
        "residents:out_of_sight",
        role=roles.WELFARE_PROFESSIONAL,
        menu=RESIDENTS_MENU,
    ),
    NavItem(
        _("Groups"),
        "residents:group_list",
        permission="residents.view_residentgroup",
        menu=COMMUNITY_MENU,
    ),
    NavItem(
        _("Activities"),
        "residents:activity_list",
        permission="residents.view_activity",
        menu=COMMUNITY_MENU,
    ),
    NavItem(
        _("Room bookings"),
        "residents:booking_calendar",
        permission="residents.view_roombooking",
        menu=COMMUNITY_MENU,
    ),
    NavItem(
        _("Mutual help"),
        "residents:mutual_help_list",
        permission="residents.view_mutualhelp",
        menu=COMMUNITY_MENU,
    ),
    NavItem(
        _("Interventions"),
        "interventions:intervention_list",
        permission="interventions.view_intervention",
        menu=FUNDING_MENU,
    ),
    NavItem(
        _("Grants"),
        "interventions:grant_list",
        permission="interventions.view_grant",
        menu=FUNDING_MENU,
    ),
    NavItem(
        _("Reports due"),
        "interventions:reports_due",
        permission="interventions.view_grant",
        menu=FUNDING_MENU,
    ),
    NavItem(
        _("Subsidy schemes"),
        "interventions:scheme_list",
        permission="interventions.view_subsidyscheme",
        menu=FUNDING_MENU,
    ),
    NavItem(
        _("Providers"),
        "interventions:provider_list",
        permission="interventions.view_provider",
        menu=FUNDING_MENU,
    ),
    NavItem(
        _("Hours against the norm"),
        "interventions:hours_norm",
        permission="interventions.view_hoursentry",
        menu=HOURS_MENU,
    ),
    NavItem(
        _("Welfare calendar"),
        "interventions:welfare_calendar",
        permission="interventions.view_welfarecalendar",
        menu=HOURS_MENU,
    ),
    NavItem(
        _("My hours"),
        "interventions:hours_week",
        role=roles.WELFARE_PROFESSIONAL,
        menu=HOURS_MENU,
    ),
    NavItem(
        _("Approve hours"),
        "interventions:hours_approval",
        permission=f"interventions.{roles.APPROVE_HOURS}",
        menu=HOURS_MENU,
    ),
    # Approvers (team leads, the functional admin) and the municipality: two items, one link.
    NavItem(
        _("Missing weeks"),
        "interventions:hours_missing",
        permission=f"interventions.{roles.APPROVE_HOURS}",
        menu=HOURS_MENU,
    ),
    NavItem(
        _("Missing weeks"),
        "interventions:hours_missing",
        role=roles.MUNICIPALITY_OFFICIAL,
        menu=HOURS_MENU,
    ),
    NavItem(
        _("Cohesion index"),
        "evaluations:indicator_list",
        permission="evaluations.view_indicatorsnapshot",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("Where to act"),
        "evaluations:act_list",
        permission="complexes.view_complex",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("Trends"),
        "evaluations:trends",
        permission="evaluations.view_indicatorsnapshot",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("Map"),
        "evaluations:complex_map",
        permission="complexes.view_complex",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("How the index works"),
        "evaluations:indicator_settings",
        permission="evaluations.view_indicatorsettings",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("Loneliness surveys"),
        "evaluations:survey_list",
        permission="evaluations.view_surveyround",
        menu=COHESION_MENU,
    ),
    NavItem(
        _("Welfare budget"),
        "evaluations:scenario_list",
        permission="evaluations.view_budgetscenario",
        menu=COHESION_MENU,
    ),
)


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = []
    for item in NAVIGATION:
        if item.permission and not user.has_perm(item.permission):
            continue
        if item.role and not roles.has_role(user, item.role):
            continue
        url = reverse(item.url_name)
        active = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "active": active, "menu": item.menu})
    # Only the closest match is current: /residents/groups/ is "Groups", not also "Residents".
    matches = [entry for entry in items if entry["active"]]
    for entry in matches:
        entry["active"] = entry is max(matches, key=lambda match: len(match["url"]))
    return {
        "nav_items": _fold_menus(items),
        "user_role_label": user.role_label,
        # The admin site sits in the user menu: the main bar has no room left for it.
        "admin_url": reverse("admin:index")
        if roles.has_role(user, roles.FUNCTIONAL_ADMIN)
        else None,
    }


def _fold_menus(items: list[dict]) -> list[dict]:
    """Fold items that share a menu into one dropdown entry at the first one's place."""
    folded: list[dict] = []
    menus: dict[str, dict] = {}
    for entry in items:
        menu = entry.pop("menu")
        if menu is None:
            folded.append(entry)
            continue
        if menu not in menus:
            menus[menu] = {"label": menu, "children": [], "active": False}
            folded.append(menus[menu])
        menus[menu]["children"].append(entry)
        menus[menu]["active"] = menus[menu]["active"] or entry["active"]
    return folded
