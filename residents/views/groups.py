"""Resident groups: the committee, the core group, the women's group… of a complex."""

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from residents import selectors, services
from residents.filters import ResidentGroupFilterSet
from residents.forms import ResidentGroupForm
from residents.models import ResidentGroup
from residents.tables import ResidentGroupTable
from residents.views.records import RecordScreens


def _rows(user):
    return selectors.group_list(user=user).annotate(
        member_count=F("named_members") + F("unnamed_members")
    )


def _initial(group: ResidentGroup) -> dict:
    return {
        "kind": group.kind,
        "name": group.name,
        "started": group.started,
        "active": group.active,
        "unnamed_members": group.unnamed_members,
        "members": group.members.all(),
    }


SCREENS = RecordScreens(
    model=ResidentGroup,
    name="group",
    record="group",
    rows=_rows,
    get=selectors.group_get,
    filterset=ResidentGroupFilterSet,
    table=ResidentGroupTable,
    form=ResidentGroupForm,
    initial=_initial,
    people="members",
    save=services.group_save,
    delete=services.group_delete,
    new_title=gettext_lazy("New group"),
    saved_message=lambda saved: _("The group “%(name)s” is saved.") % {"name": saved.name},
    deleted_message=lambda gone: _("The group “%(name)s” is deleted.") % {"name": gone.name},
    # The only rule on the whole record is the name, unique within the complex.
    whole_record_field="name",
)
group_list, group_create, group_update, group_delete = SCREENS.views()
