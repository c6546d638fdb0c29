"""Thin Celery tasks of the evaluations app: they take ids, call a service and retry only
transient database errors, with backoff and jitter. Every service they call is idempotent."""

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from complexes.models import Complex
from evaluations import services
from leefbaarheid.weeks import Week

TRANSIENT = (OperationalError, InterfaceError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 5,
    "retry_backoff_max": 300,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(ignore_result=True, **RETRY)
def recalculate_complex(complex_id: int) -> int:
    """Recalculate one complex's recent weeks (and back to the earliest week an edit touched);
    exits quietly when the complex is gone or no longer a senior complex."""
    since = services.take_pending(complex_id)
    if not Complex.objects.filter(pk=complex_id, is_senior=True).exists():
        return 0
    return services.indicators_recalculate_complex(complex_id=complex_id, since=since)


@shared_task(ignore_result=True, **RETRY)
def recalculate_city(since: str | None = None) -> int:
    """The nightly run (and the run after a large import): every senior complex's recent weeks,
    back to ``since`` (an ISO week) when given, in one set-based pass."""
    first, last = services.recalculation_weeks(
        today=timezone.localdate(), since=Week.parse(since) if since else None
    )
    return services.indicators_recalculate(first=first, last=last)


@shared_task(ignore_result=True, **RETRY)
def refresh_budget() -> int:
    """Refresh this year's actual welfare hours per complex, beside the budget scenarios."""
    return services.budget_refresh()
