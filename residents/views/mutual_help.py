"""Mutual help between neighbours, per month: invisible, but very important."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from residents import selectors, services
from residents.filters import MutualHelpFilterSet
from residents.forms import MutualHelpForm
from residents.models import MutualHelp
from residents.tables import MutualHelpTable
from residents.views.records import RecordScreens


def _initial(help_: MutualHelp) -> dict:
    return {
        "month": help_.month,
        "kind": help_.kind,
        "people_count": help_.people_count,
        "residents": help_.residents.all(),
    }


SCREENS = RecordScreens(
    model=MutualHelp,
    name="mutual_help",
    record="help",
    service_arg="help_",
    rows=lambda user: selectors.mutual_help_list(user=user),
    get=selectors.mutual_help_get,
    filterset=MutualHelpFilterSet,
    table=MutualHelpTable,
    form=MutualHelpForm,
    initial=_initial,
    people="residents",
    save=services.mutual_help_save,
    delete=services.mutual_help_delete,
    new_title=gettext_lazy("Record mutual help"),
    saved_message=lambda saved: _("The mutual help is saved."),
    deleted_message=lambda gone: _("The mutual help is deleted."),
)
mutual_help_list, mutual_help_create, mutual_help_update, mutual_help_delete = SCREENS.views()
