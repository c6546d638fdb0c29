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


# Later issues add their screens here; an item shows only to users allowed to open it.
NAVIGATION = (
    NavItem(_("Overview"), "home"),
    NavItem(_("Complexes"), "complexes:complex_list", permission="complexes.view_complex"),
    NavItem(_("API"), "api-docs"),
    NavItem(_("Administration"), "admin:index", role=roles.FUNCTIONAL_ADMIN),
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
        items.append({"label": item.label, "url": url, "active": active})
    return {"nav_items": items, "user_role_label": user.role_label}
