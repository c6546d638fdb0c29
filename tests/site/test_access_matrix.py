"""Who reaches what, in one table: every screen and API route × every role × (own object,
another organisation's object) → the status code of a GET.

The table is the specification; the test walks the URL resolver, so a new route without a row
fails (and so does a row whose route is gone). Each cell is one GET by one signed-in user.

Legend. A row reads ``"<own>"`` or ``"<own> | <other>"``; each half is six status codes, one per
column of COLUMNS: anonymous (ano), corporation staff (sta), welfare professional (wel),
municipality official (off), intervention team (tea), functional admin (adm).
- own: the object belongs to the corporation of the staff member and to a complex assigned to the
  professional; for hours, it is the professional's own week. City-wide roles reach both sides.
- other: the same kind of object of another corporation, in a complex not assigned to the
  professional; for hours, another professional's week in that complex.
- one half only: the route has no object, an object of no organisation (schemes, providers,
  districts), or it takes a week and shows the user's own (the hours grid and its buttons).
- a questionnaire ("survey_response") is the professional's own: only its enterer may delete it.
- 200 shown, 302 redirected (anonymous screens go to the sign-in page), 401 anonymous API call,
  403 refused, 404 out of reach (a foreign id reads as not existing), 405 no GET (POST only:
  such a route has a row in POSTED too, for an empty POST, since its GET never reaches the object).

The admin is left out: only the functional admin is staff and enters it, and it reads every
object, so it has no own/other column to test; the anonymous visitor's way in is tested in
test_access.py and its per-model rights in the admin tests.
"""

from decimal import Decimal

import pytest
from django.conf import settings
from django.test import Client
from django.urls import get_resolver, reverse

from evaluations.choices import Scope
from evaluations.models import BudgetScenario, IndicatorSnapshot
from evaluations.services import indicators_recalculate_complex
from leefbaarheid import health, roles
from tests.factories import (
    ActivityFactory,
    ComplexFactory,
    CorporationFactory,
    DistrictFactory,
    GalleryFactory,
    GrantFactory,
    HoursEntryFactory,
    HoursWeekFactory,
    InterventionFactory,
    MutualHelpFactory,
    OccupancySnapshotFactory,
    ProviderFactory,
    ResidentContactFactory,
    ResidentFactory,
    ResidentGroupFactory,
    RoomBookingFactory,
    SubsidySchemeFactory,
    UserFactory,
    last_week,
)
from tests.site.test_access import _walk
from tests.surveys import SurveyRoundFactory, respond

ANONYMOUS = "anonymous"
COLUMNS = (
    ANONYMOUS,
    roles.CORPORATION_STAFF,
    roles.WELFARE_PROFESSIONAL,
    roles.MUNICIPALITY_OFFICIAL,
    roles.INTERVENTION_TEAM,
    roles.FUNCTIONAL_ADMIN,
)

# fmt: off
MATRIX = {
    # route                                  ano sta wel off tea adm | ano sta wel off tea adm
    # The site: start page, health check, signing in and out, the language switch
    "home":                                 "302 200 200 200 200 200",
    "healthz":                              "200 200 200 200 200 200",
    "search":                               "302 200 200 200 200 200",
    "login":                                "200 302 302 302 302 302",
    "password_reset":                       "200 200 200 200 200 200",
    "logout":                               "302 405 405 405 405 405",
    "password_change":                      "302 200 200 200 200 200",
    "password_change_done":                 "302 200 200 200 200 200",
    "password_reset_done":                  "200 200 200 200 200 200",
    "password_reset_confirm":               "200 200 200 200 200 200",
    "password_reset_complete":              "200 200 200 200 200 200",
    "set_language":                         "302 302 302 302 302 302",
    # Complexes, galleries, occupancy
    "complexes:complex_import":             "302 200 403 403 403 200",
    "complexes:complex_import_confirm":     "302 405 405 405 405 405",
    "complexes:complex_import_example":     "302 200 403 403 403 200",
    "complexes:complex_list":               "302 200 200 200 200 200",
    "complexes:complex_create":             "302 200 403 403 403 200",
    "complexes:complex_export_csv":         "302 200 200 200 200 200",
    "complexes:complex_export_xlsx":        "302 200 200 200 200 200",
    "complexes:complex_detail":             "302 200 200 200 200 200 | 302 404 404 200 200 200",
    "complexes:complex_update":             "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:complex_delete":             "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:gallery_create":             "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:gallery_update":             "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:gallery_delete":             "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:gallery_contact_person":     "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "complexes:occupancy_list":             "302 200 200 200 200 200 | 302 404 404 200 200 200",
    "complexes:occupancy_create":           "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:occupancy_update":           "302 200 403 403 403 200 | 302 404 404 403 403 200",
    "complexes:occupancy_delete":           "302 200 403 403 403 200 | 302 404 404 403 403 200",
    # Residents, personal attention, building life
    "residents:resident_list":              "302 200 200 403 403 200",
    "residents:resident_create":            "302 200 200 403 403 200",
    "residents:resident_detail":            "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:resident_update":            "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:resident_export":            "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:resident_erase":             "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:to_welcome":                 "302 200 200 403 403 200",
    "residents:welcome_record":             "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:out_of_sight":               "302 403 200 403 403 403",
    "residents:out_of_sight_record":        "302 403 200 403 403 403 | 302 403 404 403 403 403",
    "residents:contact_delete":             "302 405 405 403 403 405 | 302 405 405 403 403 405",
    "residents:group_list":                 "302 200 200 403 403 200",
    "residents:group_create":               "302 200 200 403 403 200",
    "residents:group_update":               "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:group_delete":               "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:activity_list":              "302 200 200 403 403 200",
    "residents:activity_create":            "302 200 200 403 403 200",
    "residents:activity_update":            "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:activity_delete":            "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:booking_calendar":           "302 200 200 403 403 200",
    "residents:booking_list":               "302 200 200 403 403 200",
    "residents:booking_create":             "302 200 200 403 403 200",
    "residents:booking_update":             "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:booking_cancel":             "302 405 405 405 405 405 | 302 405 405 405 405 405",
    "residents:booking_delete":             "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:mutual_help_list":           "302 200 200 403 403 200",
    "residents:mutual_help_create":         "302 200 200 403 403 200",
    "residents:mutual_help_update":         "302 200 200 403 403 200 | 302 404 404 403 403 200",
    "residents:mutual_help_delete":         "302 200 200 403 403 200 | 302 404 404 403 403 200",
    # Interventions, grants, welfare hours, schemes and providers
    "interventions:intervention_list":      "302 200 200 200 403 200",
    "interventions:intervention_create":    "302 200 403 200 403 200",
    "interventions:intervention_detail":    "302 200 200 200 403 200 | 302 404 404 200 403 200",
    "interventions:intervention_update":    "302 200 403 200 403 200 | 302 404 404 200 403 200",
    "interventions:intervention_delete":    "302 200 403 200 403 200 | 302 404 404 200 403 200",
    "interventions:grant_list":             "302 200 200 200 403 200",
    "interventions:grant_export":           "302 200 200 200 403 200",
    "interventions:grant_apply":            "302 200 403 200 403 200",
    "interventions:reports_due":            "302 200 200 200 403 200",
    "interventions:grant_detail":           "302 200 200 200 403 200 | 302 404 404 200 403 200",
    "interventions:grant_update":           "302 200 403 200 403 200 | 302 404 404 200 403 200",
    "interventions:grant_delete":           "302 200 403 200 403 200 | 302 404 404 200 403 200",
    "interventions:grant_step":             "302 403 403 200 403 200 | 302 404 404 200 403 200",
    "interventions:hours_norm":             "302 200 200 200 403 200",
    "interventions:hours_export":           "302 200 200 200 403 200",
    "interventions:welfare_calendar":       "302 200 200 200 403 200",
    "interventions:welfare_calendar_reset": "302 405 405 405 405 405",
    "interventions:hours_week":             "302 403 200 403 403 200",
    "interventions:hours_week(year,week)":  "302 403 200 403 403 200",
    "interventions:hours_week_submit":      "302 403 405 403 403 405",
    "interventions:hours_week_withdraw":    "302 403 405 403 403 405",
    "interventions:hours_week_unlock_at":   "302 403 403 403 403 405",
    "interventions:hours_approval":         "302 403 403 403 403 200",
    "interventions:hours_weeks_approve":    "302 403 403 403 403 405",
    "interventions:hours_week_decide":      "302 403 403 403 403 405 | 302 403 403 403 403 405",
    "interventions:hours_week_unlock":      "302 403 403 403 403 405 | 302 403 403 403 403 405",
    "interventions:hours_missing":          "302 403 200 200 403 200",
    "interventions:scheme_list":            "302 200 200 200 403 200",
    "interventions:scheme_create":          "302 403 403 200 403 200",
    "interventions:scheme_detail":          "302 200 200 200 403 200",
    "interventions:scheme_update":          "302 403 403 200 403 200",
    "interventions:scheme_delete":          "302 403 403 200 403 200",
    "interventions:provider_list":          "302 200 200 200 200 200",
    "interventions:provider_create":        "302 403 403 200 403 200",
    "interventions:provider_detail":        "302 200 200 200 200 200",
    "interventions:provider_update":        "302 403 403 200 403 200",
    "interventions:provider_delete":        "302 403 403 200 403 200",
    # Indicators, surveys, the welfare budget
    "evaluations:indicator_list":           "302 200 200 200 403 200",
    "evaluations:indicator_export":         "302 200 200 200 403 200",
    "evaluations:indicator_settings":       "302 200 200 200 403 200",
    "evaluations:complex_map":              "302 200 200 200 200 200",
    "evaluations:trends":                   "302 200 200 200 403 200",
    "evaluations:complex_indicator":        "302 200 200 200 403 200 | 302 404 404 200 403 200",
    "evaluations:act_list":                 "302 200 200 200 200 200",
    "evaluations:survey_list":              "302 200 200 200 403 200",
    "evaluations:survey_create":            "302 403 200 403 403 200",
    "evaluations:survey_detail":            "302 200 200 200 403 200 | 302 404 404 200 403 200",
    "evaluations:survey_update":            "302 403 200 403 403 200 | 302 404 404 403 403 200",
    "evaluations:survey_delete":            "302 403 200 403 403 200 | 302 404 404 403 403 200",
    "evaluations:survey_response_add":      "302 403 200 403 403 200 | 302 404 404 403 403 200",
    "evaluations:survey_response_delete":   "302 403 200 403 403 404 | 302 403 404 403 403 404",
    "evaluations:scenario_list":            "302 403 403 200 403 200",
    "evaluations:scenario_create":          "302 403 403 200 403 200",
    "evaluations:budget_refresh":           "302 405 405 405 405 405",
    "evaluations:scenario_detail":          "302 403 403 200 403 200 | 302 403 403 200 403 200",
    "evaluations:scenario_export":          "302 403 403 200 403 200 | 302 403 403 200 403 200",
    "evaluations:scenario_update":          "302 403 403 200 403 200 | 302 403 403 200 403 200",
    "evaluations:scenario_delete":          "302 403 403 200 403 200 | 302 403 403 200 403 200",
    # The API (/api/v1/), its schema and docs
    "api-token":                            "405 405 405 405 405 405",
    "corporation-list":                     "401 200 200 200 200 200",
    "corporation-detail":                   "401 200 200 200 200 200 | 401 200 200 200 200 200",
    "district-list":                        "401 200 200 200 200 200",
    "district-detail":                      "401 200 200 200 200 200",
    "complex-list":                         "401 200 200 200 200 200",
    "complex-detail":                       "401 200 200 200 200 200 | 401 404 404 200 200 200",
    "gallery-list":                         "401 200 200 200 200 200",
    "gallery-detail":                       "401 200 200 200 200 200 | 401 404 404 200 200 200",
    "gallery-contact-person":               "401 405 405 405 405 405 | 401 405 405 405 405 405",
    "resident-list":                        "401 200 200 403 403 200",
    "resident-detail":                      "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "resident-export":                      "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "group-list":                           "401 200 200 403 403 200",
    "group-detail":                         "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "activity-list":                        "401 200 200 403 403 200",
    "activity-detail":                      "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "room-booking-list":                    "401 200 200 403 403 200",
    "room-booking-detail":                  "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "mutual-help-list":                     "401 200 200 403 403 200",
    "mutual-help-detail":                   "401 200 200 403 403 200 | 401 404 404 403 403 200",
    "scheme-list":                          "401 200 200 200 403 200",
    "scheme-detail":                        "401 200 200 200 403 200",
    "grant-list":                           "401 200 200 200 403 200",
    "grant-reports-due":                    "401 200 200 200 403 200",
    "grant-detail":                         "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "grant-award":                          "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "grant-reject":                         "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "grant-report":                         "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "grant-settle":                         "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "grant-start":                          "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "provider-list":                        "401 200 200 200 200 200",
    "provider-detail":                      "401 200 200 200 200 200",
    "intervention-list":                    "401 200 200 200 403 200",
    "intervention-detail":                  "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "hours-list":                           "401 200 200 200 403 200",
    "hours-summary":                        "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "hours-detail":                         "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "indicator-list":                       "401 200 200 200 403 200",
    "indicator-detail":                     "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "survey-list":                          "401 200 200 200 403 200",
    "survey-detail":                        "401 200 200 200 403 200 | 401 404 404 200 403 200",
    "survey-responses":                     "401 405 405 405 403 405 | 401 405 405 405 403 405",
    "budget-scenario-list":                 "401 403 403 200 403 200",
    "budget-scenario-detail":               "401 403 403 200 403 200 | 401 403 403 200 403 200",
    "budget-scenario-figures":              "401 403 403 200 403 200 | 401 403 403 200 403 200",
    "api-root":                             "401 200 200 200 200 200",
    "api-schema":                           "401 200 200 200 200 200",
    "api-docs":                             "302 200 200 200 200 200",
}
# fmt: on

# fmt: off
# The routes that take no GET (405 above), by an empty POST: who gets past the checks to the
# action. 302 done (or sent back to a screen; anonymous: to sign in), 200 the form shown again
# with its errors, 400 the empty form refused, 404 as above or nothing there to act on; a refusal
# (401, 403, 404) comes before the form is read. Each POST is rolled back with its test.
POSTED = {
    # route                                  ano sta wel off tea adm | ano sta wel off tea adm
    "logout":                               "302 302 302 302 302 302",
    "complexes:complex_import_confirm":     "302 302 403 403 403 302",
    "residents:contact_delete":             "302 302 302 403 403 302 | 302 404 404 403 403 302",
    "residents:booking_cancel":             "302 302 302 403 403 302 | 302 404 404 403 403 302",
    "interventions:welfare_calendar_reset": "302 403 403 404 403 404",
    "interventions:hours_week_submit":      "302 403 302 403 403 404",
    "interventions:hours_week_withdraw":    "302 403 302 403 403 404",
    "interventions:hours_week_unlock_at":   "302 403 403 403 403 404",
    "interventions:hours_week_decide":      "302 403 403 403 403 200 | 302 403 403 403 403 200",
    "interventions:hours_week_unlock":      "302 403 403 403 403 302 | 302 403 403 403 403 302",
    "interventions:hours_weeks_approve":    "302 403 403 403 403 200",
    "evaluations:budget_refresh":           "302 403 403 302 403 302",
    "api-token":                            "400 400 400 400 400 400",
    "gallery-contact-person":               "401 400 400 403 403 400 | 401 404 404 403 403 400",
    "grant-award":                          "401 400 403 400 403 400 | 401 404 403 400 403 400",
    "grant-reject":                         "401 400 403 400 403 400 | 401 404 403 400 403 400",
    "grant-report":                         "401 400 403 400 403 400 | 401 404 403 400 403 400",
    "grant-settle":                         "401 400 403 400 403 400 | 401 404 403 400 403 400",
    "grant-start":                          "401 400 403 400 403 400 | 401 404 403 400 403 400",
    "survey-responses":                     "401 403 400 403 403 400 | 401 403 404 403 403 400",
}
# fmt: on

# The object whose id a route takes, by route: a key of the objects world() builds per side.
OBJECT_OF = {
    "complexes:complex_detail": "complex",
    "complexes:complex_update": "complex",
    "complexes:complex_delete": "complex",
    "complexes:gallery_create": "complex",
    "complexes:occupancy_list": "complex",
    "complexes:occupancy_create": "complex",
    "evaluations:complex_indicator": "complex",
    "complex-detail": "complex",
    "complexes:gallery_update": "gallery",
    "complexes:gallery_delete": "gallery",
    "complexes:gallery_contact_person": "gallery",
    "gallery-detail": "gallery",
    "gallery-contact-person": "gallery",
    "complexes:occupancy_update": "occupancy",
    "complexes:occupancy_delete": "occupancy",
    "residents:resident_detail": "resident",
    "residents:resident_update": "resident",
    "residents:resident_export": "resident",
    "residents:resident_erase": "resident",
    "residents:welcome_record": "resident",
    "residents:out_of_sight_record": "resident",
    "resident-detail": "resident",
    "resident-export": "resident",
    "residents:contact_delete": "contact",
    "residents:group_update": "group",
    "residents:group_delete": "group",
    "group-detail": "group",
    "residents:activity_update": "activity",
    "residents:activity_delete": "activity",
    "activity-detail": "activity",
    "residents:booking_update": "booking",
    "residents:booking_cancel": "booking",
    "residents:booking_delete": "booking",
    "room-booking-detail": "booking",
    "residents:mutual_help_update": "mutual_help",
    "residents:mutual_help_delete": "mutual_help",
    "mutual-help-detail": "mutual_help",
    "interventions:intervention_detail": "intervention",
    "interventions:intervention_update": "intervention",
    "interventions:intervention_delete": "intervention",
    "intervention-detail": "intervention",
    "interventions:grant_detail": "grant",
    "interventions:grant_update": "grant",
    "interventions:grant_delete": "grant",
    "interventions:grant_step": "grant",
    "grant-detail": "grant",
    "grant-award": "grant",
    "grant-reject": "grant",
    "grant-report": "grant",
    "grant-settle": "grant",
    "grant-start": "grant",
    "interventions:hours_week(year,week)": "hours_week",
    "interventions:hours_week_submit": "hours_week",
    "interventions:hours_week_withdraw": "hours_week",
    "interventions:hours_week_unlock_at": "hours_week",
    "interventions:hours_week_decide": "hours_week",
    "interventions:hours_week_unlock": "hours_week",
    "hours-detail": "hours_entry",
    "interventions:scheme_detail": "scheme",
    "interventions:scheme_update": "scheme",
    "interventions:scheme_delete": "scheme",
    "scheme-detail": "scheme",
    "interventions:provider_detail": "provider",
    "interventions:provider_update": "provider",
    "interventions:provider_delete": "provider",
    "provider-detail": "provider",
    "evaluations:survey_detail": "survey",
    "evaluations:survey_update": "survey",
    "evaluations:survey_delete": "survey",
    "evaluations:survey_response_add": "survey",
    "survey-detail": "survey",
    "survey-responses": "survey",
    "evaluations:survey_response_delete": "survey_response",
    "indicator-detail": "indicator",
    "evaluations:scenario_detail": "scenario",
    "evaluations:scenario_export": "scenario",
    "evaluations:scenario_update": "scenario",
    "evaluations:scenario_delete": "scenario",
    "budget-scenario-detail": "scenario",
    "budget-scenario-figures": "scenario",
    "corporation-detail": "corporation",
    "district-detail": "district",
    "hours-summary": "complex",
}
# Routes that take their object's id in a query parameter rather than in the path.
QUERY_PARAMETER = {"hours-summary": "complex"}
# Further URL arguments that are no object's id.
EXTRA_KWARGS = {
    "interventions:grant_step": {"step": "award"},
    "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
}
JSON_PREFIX = "/api/v1/"


def route_keys() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every route outside the admin: key -> (URL name, its arguments). A name shared by routes
    with different arguments keys the ones with arguments as ``name(arg,...)``; DRF's format
    suffix routes are the same views and are left out."""
    found: dict[str, set[tuple[str, ...]]] = {}
    for route, name, pattern in _walk_site():
        arguments = tuple(arg for arg in pattern.pattern.regex.groupindex if arg != "format")
        found.setdefault(name or route, set()).add(arguments)
    keys = {}
    for name, argument_sets in found.items():
        for arguments in argument_sets:
            shared = len(argument_sets) > 1 and arguments
            keys[f"{name}({','.join(arguments)})" if shared else name] = (name, arguments)
    return keys


def _walk_site():
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if not route.startswith("admin/"):
            yield route, name, pattern


ROUTES = route_keys()


def _side(corporation_name: str, complex_name: str, shared: dict) -> dict:
    """One organisation's objects: a complex of its own with one object of every kind in it, and
    a welfare professional assigned to that complex with a week of hours there."""
    corporation = CorporationFactory(name=corporation_name)
    complex_ = ComplexFactory(
        corporation=corporation, district=shared["district"], name=complex_name
    )
    gallery = GalleryFactory(complex=complex_, name="Galerij A", floor=1)
    resident = ResidentFactory(complex=complex_, gallery=gallery)
    professional = UserFactory(role=roles.WELFARE_PROFESSIONAL, complexes=[complex_])
    week = last_week()
    survey = SurveyRoundFactory(complex=complex_)
    indicators_recalculate_complex(complex_id=complex_.pk)
    return {
        **shared,
        "corporation": corporation,
        "complex": complex_,
        "gallery": gallery,
        "occupancy": OccupancySnapshotFactory(complex=complex_),
        "resident": resident,
        "contact": ResidentContactFactory(resident=resident),
        "group": ResidentGroupFactory(complex=complex_, members=[resident]),
        "activity": ActivityFactory(complex=complex_, attendees=[resident]),
        "booking": RoomBookingFactory(complex=complex_),
        "mutual_help": MutualHelpFactory(complex=complex_, residents=[resident]),
        "grant": GrantFactory(complex=complex_, scheme=shared["scheme"]),
        "intervention": InterventionFactory(complex=complex_, provider=shared["provider"]),
        "professional": professional,
        "hours_week": HoursWeekFactory(professional=professional, year=week.year, week=week.week),
        "hours_entry": HoursEntryFactory(
            complex=complex_, professional=professional, year=week.year, week=week.week
        ),
        "survey": survey,
        "survey_response": respond(survey, 0, entered_by=professional),
        "indicator": IndicatorSnapshot.objects.filter(complex=complex_).first(),
        "scenario": BudgetScenario.objects.create(
            name=f"Zes uur {corporation_name}",
            scope=Scope.CORPORATION,
            corporation=corporation,
            hours_per_week=Decimal(6),
            hourly_rate=Decimal(75),
            weeks_per_year=42,
        ),
    }


@pytest.fixture(scope="module")
def world(module_transaction):
    """Both sides' objects, and a session cookie per role (the own side's staff member and
    professional), written once for the module and rolled back after it."""
    shared = {
        "scheme": SubsidySchemeFactory(),
        "provider": ProviderFactory(),
        "district": DistrictFactory(),
    }
    sides = {
        "own": _side("Maasstad Wonen", "De Meidoorn", shared),
        "other": _side("Havenhuis Wonen", "Huize Linde", shared),
    }
    users = {
        roles.CORPORATION_STAFF: UserFactory(
            role=roles.CORPORATION_STAFF, corporation=sides["own"]["complex"].corporation
        ),
        roles.WELFARE_PROFESSIONAL: sides["own"]["professional"],
        roles.MUNICIPALITY_OFFICIAL: UserFactory(role=roles.MUNICIPALITY_OFFICIAL),
        roles.INTERVENTION_TEAM: UserFactory(role=roles.INTERVENTION_TEAM),
        roles.FUNCTIONAL_ADMIN: UserFactory(role=roles.FUNCTIONAL_ADMIN, is_staff=True),
    }
    sessions = {}
    for role, user in users.items():
        signed_in = Client()
        signed_in.force_login(user)
        sessions[role] = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    return {"sides": sides, "sessions": sessions}


def url_for(key: str, side: str, world: dict) -> str:
    """The route's URL for the object of one side (OBJECT_OF), with EXTRA_KWARGS."""
    name, arguments = ROUTES[key]
    kwargs = dict(EXTRA_KWARGS.get(key, {}))
    if key in OBJECT_OF:
        target = world["sides"][side][OBJECT_OF[key]]
        if "pk" in arguments:
            kwargs["pk"] = target.pk
        if "year" in arguments:
            kwargs.update(year=target.year, week=target.week)
        if key in QUERY_PARAMETER:
            return f"{reverse(name, kwargs=kwargs)}?{QUERY_PARAMETER[key]}={target.pk}"
    return reverse(name, kwargs=kwargs)


def status_of(client: Client, role: str, url: str, world: dict, *, post: bool = False) -> int:
    """The status of a GET (or an empty POST) of ``url`` by ``role``, JSON asked of the API."""
    client.cookies.clear()
    if role != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world["sessions"][role]
    headers = {"accept": "application/json"} if url.startswith(JSON_PREFIX) else {}
    if post:
        return client.post(url, {}, headers=headers).status_code
    return client.get(url, headers=headers).status_code


@pytest.fixture
def services_up(monkeypatch):
    """/healthz answers 503 while a worker is down, which depends on the run (test_healthz.py
    covers that); here the services are up, so its row shows who may ask."""
    monkeypatch.setattr(
        health, "health", lambda: dict.fromkeys(("database", "broker", "worker"), health.OK)
    )


def expected(key: str, table: dict[str, str] = MATRIX) -> dict[str, tuple[str, ...]]:
    """A row of MATRIX (or POSTED) as {side: one status per column}."""
    halves = [half.split() for half in table[key].split("|")]
    assert all(len(half) == len(COLUMNS) for half in halves), f"{key}: six statuses per half"
    return dict(zip(("own", "other"), map(tuple, halves), strict=False))


def test_every_route_has_a_row_and_every_row_a_route():
    assert sorted(set(ROUTES) - set(MATRIX)) == [], "routes without a row in MATRIX"
    assert sorted(set(MATRIX) - set(ROUTES)) == [], "rows in MATRIX of no route"


def test_every_route_without_get_has_a_posted_row():
    without_get = {key for key, row in MATRIX.items() if "405" in row.split()}
    assert sorted(without_get ^ set(POSTED)) == [], "routes that take no GET and POSTED differ"
    assert all(MATRIX[key].count("|") == row.count("|") for key, row in POSTED.items())


def test_every_route_with_an_id_or_two_sides_names_its_object():
    needs_object = {
        key
        for key, (_name, arguments) in ROUTES.items()
        if set(arguments) & {"pk", "year"} or "|" in MATRIX.get(key, "")
    }
    assert sorted(needs_object - set(OBJECT_OF)) == [], "routes whose object OBJECT_OF lacks"
    assert sorted(set(OBJECT_OF) - set(MATRIX)) == [], "OBJECT_OF names routes without a row"


@pytest.mark.django_db
@pytest.mark.parametrize("column", range(len(COLUMNS)), ids=COLUMNS)
@pytest.mark.parametrize("key", sorted(MATRIX))
def test_access(client, world, services_up, key, column):
    role = COLUMNS[column]
    wanted = {side: statuses[column] for side, statuses in expected(key).items()}
    urls = {side: url_for(key, side, world) for side in wanted}
    got = {side: str(status_of(client, role, url, world)) for side, url in urls.items()}
    assert got == wanted, f"{role} on {urls}"
    if key in POSTED:
        wanted = {side: statuses[column] for side, statuses in expected(key, POSTED).items()}
        got = {
            side: str(status_of(client, role, url, world, post=True)) for side, url in urls.items()
        }
        assert got == wanted, f"{role} posting to {urls}"
