"""Tables of the grant screens (django-tables2); sorting happens in the database."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from interventions.models import Grant
from leefbaarheid.money import euro

TABLE_ATTRS = {"class": "table table-sm table-hover align-middle"}
NUMBER = {"td": {"class": "text-end text-nowrap"}, "th": {"class": "text-end"}}


def status_badge(grant: Grant) -> str:
    """The status as a coloured badge, the same on every grant screen."""
    html = render_to_string("interventions/_grant_status.html", {"grant": grant})
    return mark_safe(html.strip())  # noqa: S308 - the output of an autoescaping template


def overlap_badge() -> str:
    return format_html(
        '<span class="badge text-bg-warning" title="{}">{}</span>',
        _("This complex has a grant of another scheme in an overlapping period."),
        _("Overlap"),
    )


class MoneyColumn(tables.Column):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return euro(value)


class GrantTable(tables.Table):
    """The grant list; scheme, complex, district and corporation come joined in and
    ``has_overlap`` annotated by ``selectors.grant_list``."""

    title = tables.Column(linkify=True, verbose_name=_("Grant"))
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    district = tables.Column(
        verbose_name=_("District"),
        accessor="complex__district__name",
        order_by=("complex__district__name",),
    )
    corporation = tables.Column(verbose_name=_("Corporation"), order_by=("corporation__name",))
    scheme = tables.Column(verbose_name=_("Scheme"), order_by=("scheme__name",))
    start = tables.Column(verbose_name=_("Period"))
    status = tables.Column(verbose_name=_("Status"))
    amount_requested = MoneyColumn(verbose_name=_("Requested"))
    amount_awarded = MoneyColumn(verbose_name=_("Awarded"))
    amount_settled = MoneyColumn(verbose_name=_("Settled"))
    report_due = tables.DateColumn(verbose_name=_("Report due"), format="d-m-Y")
    has_overlap = tables.Column(verbose_name=_("Overlap"), empty_values=())

    class Meta:
        model = Grant
        fields = ()
        sequence = (
            "title",
            "complex",
            "district",
            "corporation",
            "scheme",
            "start",
            "status",
            "amount_requested",
            "amount_awarded",
            "amount_settled",
            "report_due",
            "has_overlap",
        )
        attrs = TABLE_ATTRS
        per_page = 25
        empty_text = _("No grants found.")

    def render_start(self, record):
        return f"{record.start:%d-%m-%Y} – {record.end:%d-%m-%Y}"

    def render_status(self, record):
        return status_badge(record)

    def render_has_overlap(self, value):
        return overlap_badge() if value else ""


class ReportsDueTable(tables.Table):
    """Reports still to come within the horizon, the most overdue first (``overdue``
    annotated by ``selectors.reports_due``); overdue rows are highlighted."""

    report_due = tables.DateColumn(verbose_name=_("Report due"), format="d-m-Y")
    days = tables.Column(
        verbose_name=_("When"), accessor="report_due", order_by=("report_due",), empty_values=()
    )
    title = tables.Column(linkify=True, verbose_name=_("Grant"))
    complex = tables.Column(verbose_name=_("Complex"), order_by=("complex__name",))
    corporation = tables.Column(verbose_name=_("Corporation"), order_by=("corporation__name",))
    scheme = tables.Column(verbose_name=_("Scheme"), order_by=("scheme__name",))
    status = tables.Column(verbose_name=_("Status"))
    amount_awarded = MoneyColumn(verbose_name=_("Awarded"))

    class Meta:
        model = Grant
        fields = ()
        sequence = (
            "report_due",
            "days",
            "title",
            "complex",
            "corporation",
            "scheme",
            "status",
            "amount_awarded",
        )
        attrs = TABLE_ATTRS
        row_attrs = {"class": lambda record: "table-danger" if record.overdue else ""}
        per_page = 50
        empty_text = _("No reports are due in the next 30 days, and none are overdue.")

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def render_days(self, record):
        days = (record.report_due - self.today).days
        if record.overdue:
            return format_html(
                '<span class="badge text-bg-danger">{}</span>',
                ngettext("%(days)s day overdue", "%(days)s days overdue", -days) % {"days": -days},
            )
        if days == 0:
            return format_html('<span class="badge text-bg-warning">{}</span>', _("Due today"))
        return format_html(
            '<span class="badge text-bg-warning">{}</span>',
            ngettext("%(days)s day left", "%(days)s days left", days) % {"days": days},
        )

    def render_status(self, record):
        return status_badge(record)
