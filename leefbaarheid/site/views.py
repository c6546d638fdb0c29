"""The home page: it sums up every app, so it sits on top of them."""

from django.conf import settings
from django.shortcuts import render

from complexes.selectors import complex_summary
from evaluations.selectors import home_status_counts
from interventions.selectors import funding_summary, hours_below_norm
from leefbaarheid import registry, roles


def home(request):
    """The start page: what this user's role comes to the application for, and what the apps
    add to it as sections of page "home" (``leefbaarheid.registry``)."""
    sections, section_context = registry.sections_for("home", request, None)
    return render(
        request,
        "home.html",
        {
            **section_context,
            "sections": sections,
            "summary": complex_summary(user=request.user),
            "funding": (
                funding_summary(user=request.user)
                if request.user.has_perm("interventions.view_grant")
                else None
            ),
            # The complexes below the welfare hours norm for some weeks in a row (two queries).
            "hours_alerts": (
                {
                    "count": len(hours_below_norm(user=request.user)),
                    "weeks": settings.HOURS_ALERT_WEEKS,
                }
                if request.user.has_perm("interventions.view_hoursentry")
                else None
            ),
            # Complexes red, amber and green in the newest week of the index (one query).
            "indicators": (
                home_status_counts(user=request.user)
                if request.user.has_perm("evaluations.view_indicatorsnapshot")
                else None
            ),
            "primary_role": roles.primary_role(request.user),
        },
    )
