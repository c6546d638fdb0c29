"""Activities in the communal room: coffee mornings, cards, bingo, meals, with who came."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from residents import selectors, services
from residents.filters import ActivityScreenFilterSet
from residents.forms import ActivityForm
from residents.models import Activity
from residents.tables import ActivityTable
from residents.views.records import RecordScreens


def _initial(activity: Activity) -> dict:
    return {
        "group": activity.group_id,
        "kind": activity.kind,
        "date": activity.date,
        "head_count": activity.head_count,
        "note": activity.note,
        "attendees": activity.attendees.all(),
    }


SCREENS = RecordScreens(
    model=Activity,
    name="activity",
    record="activity",
    rows=lambda user: selectors.activity_list(user=user),
    get=selectors.activity_get,
    filterset=ActivityScreenFilterSet,
    table=ActivityTable,
    form=ActivityForm,
    initial=_initial,
    people="attendees",
    save=services.activity_save,
    delete=services.activity_delete,
    new_title=gettext_lazy("New activity"),
    saved_message=lambda saved: _("The activity “%(activity)s” is saved.") % {"activity": saved},
    deleted_message=lambda gone: _("The activity “%(activity)s” is deleted.") % {"activity": gone},
)
activity_list, activity_create, activity_update, activity_delete = SCREENS.views()
