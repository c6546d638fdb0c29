"""Recalculate the cohesion index by hand: the city or one complex, the recent weeks or any run of
weeks, through the same service as the tasks."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from complexes.models import Complex
from evaluations import services
from leefbaarheid.weeks import Week


def _week(option: str, text: str | None, today) -> Week | None:
    if text is None:
        return None
    try:
        week = Week.parse(text)
    except ValueError:
        raise CommandError(
            _("%(option)s: %(value)s is not an ISO week; write it as 2026-W07.")
            % {"option": option, "value": text}
        ) from None
    if week.monday > today:
        raise CommandError(
            _("%(option)s: week %(week)s is still to come.") % {"option": option, "week": week}
        )
    return week


class Command(BaseCommand):
    help = (
        "Recalculate the cohesion index snapshots of every senior complex (or one) for the recent "
        "weeks, or for the weeks asked. Only changed snapshots are written; running it twice "
        "writes nothing the second time."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--complex",
            type=int,
            action="append",
            dest="complexes",
            metavar="ID",
            help="only this complex (repeat for more); default: every senior complex",
        )
        parser.add_argument(
            "--from-week",
            metavar="YYYY-Www",
            help=f"first week (default: {settings.INDICATOR_RECENT_WEEKS} weeks back); "
            "may go back as far as there is data",
        )
        parser.add_argument(
            "--to-week", metavar="YYYY-Www", help="last week (default: the current week)"
        )

    def handle(self, *args, complexes, from_week, to_week, **options):
        today = timezone.localdate()
        first = _week("--from-week", from_week, today)
        last = _week("--to-week", to_week, today)
        default_first, default_last = services.recalculation_weeks(today=today, until=last)
        first, last = first or default_first, last or default_last
        if first.monday > last.monday:
            raise CommandError(
                _("--from-week: week %(first)s comes after the last week, %(last)s.")
                % {"first": first, "last": last}
            )
        if complexes:
            found = set(
                Complex.objects.filter(pk__in=complexes, is_senior=True).values_list(
                    "pk", flat=True
                )
            )
            unknown = sorted(set(complexes) - found)
            if unknown:
                raise CommandError(
                    _("--complex: no senior complex has id %(ids)s.")
                    % {"ids": ", ".join(map(str, unknown))}
                )
        written = services.indicators_recalculate(
            complex_ids=complexes, first=first, last=last, today=today
        )
        scope = (
            _("%(count)s complex(es)") % {"count": len(complexes)}
            if complexes
            else _("every senior complex")
        )
        self.stdout.write(
            _("%(written)s snapshot(s) written for %(scope)s, weeks %(first)s to %(last)s.")
            % {"written": written, "scope": scope, "first": first, "last": last}
        )
