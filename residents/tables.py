"""Tables of the residents app."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from residents.choices import AgeBand
from residents.models import Activity, MutualHelp, Resident, ResidentGroup, RoomBooking

# Building life: groups, activities, room bookings, mutual help ------------------------------

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
NUMBER = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


def _actions(prefix: str) -> tables.TemplateColumn:
    """Edit and delete links of a row, named for screen readers by the row's record."""
    return tables.TemplateColumn(
        template_code=(
            "{% load i18n %}"
            f"<a href=\"{{% url 'residents:{prefix}_update' record.pk %}}\" "
            'class="btn btn-sm btn-outline-primary">{% translate "Edit" %}'
            '<span class="visually-hidden"> {{ record }}</span></a> '
            f"<a href=\"{{% url 'residents:{prefix}_delete' record.pk %}}\" "
            'class="btn btn-sm btn-outline-danger">{% translate "Delete" %}'
            '<span class="visually-hidden"> {{ record }}</span></a>'
        ),
        verbose_name=_("Actions"),
        orderable=False,
        attrs={"td": {"class": "text-nowrap"}},
    )


class ResidentGroupTable(tables.Table):
    name = tables.LinkColumn(
        "residents:group_update", args=[tables.A("pk")], verbose_name=_("Name")
    )
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    active = tables.Column(verbose_name=_("Active"))
    member_count = tables.Column(verbose_name=_("Members"), attrs=NUMBER)
    started = tables.DateColumn(verbose_name=_("Started"), format="d-m-Y")
    actions = _actions("group")

    class Meta:
        model = ResidentGroup
        empty_text = _("No groups found.")
        fields = ("name", "complex", "kind", "active", "member_count", "started")
        attrs = TABLE_ATTRS
        per_page = 25

    def render_active(self, value):
        return _("yes") if value else _("no")


class ActivityTable(tables.Table):
    date = tables.DateColumn(verbose_name=_("Date"), format="d-m-Y")
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    group = tables.Column(verbose_name=_("Group"), order_by=("group__name",))
    head_count = tables.Column(verbose_name=_("Attendance"), attrs=NUMBER)
    named_attendees = tables.Column(verbose_name=_("Named"), attrs=NUMBER)
    actions = _actions("activity")

    class Meta:
        model = Activity
        empty_text = _("No activities found.")
        fields = ("date", "complex", "kind", "group", "head_count", "named_attendees")
        attrs = TABLE_ATTRS
        per_page = 25


class RoomBookingTable(tables.Table):
    start = tables.DateTimeColumn(verbose_name=_("Start"), format="D d-m-Y H:i")
    end = tables.DateTimeColumn(verbose_name=_("End"), format="H:i")
    title = tables.Column(verbose_name=_("What"))
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    group = tables.Column(verbose_name=_("Group"), order_by=("group__name",))
    status = tables.Column(verbose_name=_("Status"))
    series = tables.Column(verbose_name=_("Weekly"), orderable=False, empty_values=())
    actions = _actions("booking")

    class Meta:
        model = RoomBooking
        empty_text = _("No bookings found.")
        fields = ("start", "end", "title", "complex", "group", "status", "series")
        attrs = TABLE_ATTRS
        per_page = 25

    def render_series(self, value):
        return _("yes") if value else _("no")


class MutualHelpTable(tables.Table):
    month = tables.DateColumn(verbose_name=_("Month"), format="m-Y")
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    kind = tables.Column(verbose_name=_("Kind"))
    people_count = tables.Column(verbose_name=_("People"), attrs=NUMBER)
    named_residents = tables.Column(verbose_name=_("Named"), attrs=NUMBER)
    recorded_by = tables.Column(verbose_name=_("Recorded by"), orderable=False)

    def render_recorded_by(self, value):
        return value.get_full_name() or value.username

    actions = _actions("mutual_help")

    class Meta:
        model = MutualHelp
        empty_text = _("No mutual help found.")
        fields = ("month", "complex", "kind", "people_count", "named_residents", "recorded_by")
        attrs = TABLE_ATTRS
        per_page = 25


# Residents ------------------------------------------------------------------------------------


class ResidentTable(tables.Table):
    """Residents with the data a caretaker needs at a glance; the age band, not the birth year."""

    name = tables.LinkColumn(
        "residents:resident_detail", args=[tables.A("pk")], verbose_name=_("Name")
    )
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    gallery = tables.Column(
        verbose_name=_("Gallery"), accessor="gallery__name", order_by=("gallery__name",)
    )
    # Older residents have the lower birth years: sort the bands by birth year, reversed.
    age_band = tables.Column(verbose_name=_("Age band"), empty_values=(), order_by=("-birth_year",))
    household = tables.Column(verbose_name=_("Household"))
    moved_in = tables.DateColumn(verbose_name=_("Moved in"), format="d-m-Y")
    consent_contact_person = tables.Column(verbose_name=_("Willing to be contact person"))

    class Meta:
        model = Resident
        empty_text = _("No residents found.")
        fields = (
            "name",
            "complex",
            "gallery",
            "age_band",
            "household",
            "moved_in",
            "consent_contact_person",
        )
        attrs = TABLE_ATTRS
        per_page = 25

    def render_age_band(self, record):
        return AgeBand(record.age_band).label

    def render_consent_contact_person(self, value):
        return _("yes") if value else _("no")
