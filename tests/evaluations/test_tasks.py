"""Recalculating the cohesion index in the background: edits schedule one recalculation per
complex after commit, a burst of edits gives one message on the real broker, a real worker writes
the snapshot, the tasks retry transient errors and repeat safely."""

import datetime
import uuid
from decimal import Decimal

import pytest
from celery.signals import task_prerun
from django.core.cache import cache
from django.db import InterfaceError, OperationalError, transaction

from complexes import services as complexes_services
from evaluations import services, tasks
from evaluations.models import IndicatorSnapshot
from interventions import services as interventions_services
from interventions.choices import WorkKind
from leefbaarheid.celery import app as celery_app
from leefbaarheid.weeks import Week
from residents import services as residents_services
from residents.choices import ActivityKind
from tests.evaluations.helpers import _this_week
from tests.factories import ComplexFactory
from tests.helpers import today, wait_for


@pytest.fixture
def recalculations():
    """The complexes recalculate_complex ran for, in order (tasks run inline here)."""
    ran: list[int] = []

    def record(sender=None, args=None, **kwargs):
        if sender is not None and sender.name == tasks.recalculate_complex.name:
            ran.append(args[0])

    task_prerun.connect(record, weak=False)
    yield ran
    task_prerun.disconnect(record)


def _log_hours(professional, complex_, hours, kind=WorkKind.GROUP_WORK, back=1):
    return interventions_services.hours_save(
        user=professional,
        professional=professional,
        complex=complex_,
        week=_this_week().shifted(-back),
        kind=kind,
        hours=hours,
    )


# After commit, once per complex ------------------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_edits_in_one_transaction_schedule_one_recalculation_per_complex_after_commit(
    recalculations,
    welfare_professional,
    own_complex,
    own_gallery,
    corporation_staff,
    foreign_resident,
    functional_admin,
):
    with transaction.atomic():
        _log_hours(welfare_professional, own_complex, "2")
        _log_hours(welfare_professional, own_complex, "1,5", kind=WorkKind.HOME_VISIT)
        complexes_services.gallery_update(
            gallery=own_gallery, user=corporation_staff, data={"homes": 14}
        )
        residents_services.resident_update(
            resident=foreign_resident, user=functional_admin, data={"household": "widowed"}
        )
        assert recalculations == []
        assert not IndicatorSnapshot.objects.exists()
    assert sorted(recalculations) == sorted([own_complex.pk, foreign_resident.complex_id])
    # The task ran (inline here) and wrote the complexes' recent weeks.
    snapshot = IndicatorSnapshot.objects.get(complex=own_complex, week_start=_this_week().monday)
    assert snapshot.components["hours"]["inputs"]["hours"] == "3.50"
    assert IndicatorSnapshot.objects.filter(complex=foreign_resident.complex_id).exists()


@pytest.mark.django_db(transaction=True)
def test_edits_rolled_back_schedule_nothing(
    recalculations, welfare_professional, own_complex, own_gallery, corporation_staff
):
    with pytest.raises(RuntimeError), transaction.atomic():
        _log_hours(welfare_professional, own_complex, "2")
        complexes_services.gallery_update(
            gallery=own_gallery, user=corporation_staff, data={"homes": 14}
        )
        raise RuntimeError("the user cancelled")
    assert recalculations == []
    assert not IndicatorSnapshot.objects.exists()
    # An edit in a savepoint that rolls back is forgotten; the rest of the transaction counts.
    with transaction.atomic():
        try:
            with transaction.atomic():
                _log_hours(welfare_professional, own_complex, "2")
                raise RuntimeError("this part failed")
        except RuntimeError:
            pass
        assert recalculations == []
    assert recalculations == []


@pytest.mark.django_db(transaction=True)
def test_an_edit_dated_long_ago_recalculates_back_to_its_week(
    settings, recalculations, own_complex, corporation_staff
):
    settings.INDICATOR_RECENT_WEEKS = 4
    long_ago = today() - datetime.timedelta(weeks=20)
    residents_services.activity_save(
        user=corporation_staff,
        complex=own_complex,
        data={"kind": ActivityKind.COFFEE, "date": long_ago, "head_count": 9},
    )
    assert recalculations == [own_complex.pk]
    weeks = IndicatorSnapshot.objects.filter(complex=own_complex)
    assert weeks.order_by("week_start").first().week_start == Week.of(long_ago).monday
    assert weeks.count() == 21


# Coalescing on the real broker -------------------------------------------------------------------
@pytest.fixture
def broker_queue():
    """Tasks go to the real Redis broker, on a queue of their own that no worker reads; yields
    a function counting the messages waiting there (kombu keeps a queue as a Redis list)."""
    queue = f"test-{uuid.uuid4().hex[:10]}"
    default_queue = celery_app.conf.task_default_queue
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    with celery_app.connection_for_write() as connection:
        client = connection.default_channel.client
        try:
            yield lambda: client.llen(queue)
        finally:
            client.delete(queue)
            celery_app.conf.task_default_queue = default_queue


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_burst_of_edits_to_one_complex_puts_one_message_on_the_queue(
    broker_queue, welfare_professional, own_complex, foreign_complex, functional_admin
):
    for hours in ("1", "1,5", "2", "2,5", "3"):  # five transactions, one after the other
        _log_hours(welfare_professional, own_complex, hours)
    assert broker_queue() == 1
    # An older week edited meanwhile widens what the waiting recalculation will cover.
    residents_services.activity_save(
        user=functional_admin,
        complex=own_complex,
        data={"kind": ActivityKind.BINGO, "date": today() - datetime.timedelta(weeks=30)},
    )
    assert broker_queue() == 1
    # Another complex has its own recalculation.
    complexes_services.complex_update(
        complex=foreign_complex, user=functional_admin, data={"vacant_units": 4}
    )
    complexes_services.complex_update(
        complex=foreign_complex, user=functional_admin, data={"vacant_units": 5}
    )
    assert broker_queue() == 2
    assert services.take_pending(own_complex.pk) == _this_week().shifted(-30)
    assert services.take_pending(foreign_complex.pk) is not None
    # Once the task has taken its marker, the next edit sends a new message.
    _log_hours(welfare_professional, own_complex, "4")
    assert broker_queue() == 3


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_recalculates_a_complex_after_logged_hours(
    settings, real_worker, welfare_professional, own_complex
):
    _queue, process = real_worker
    settings.INDICATOR_DELAY_SECONDS = 0
    _log_hours(welfare_professional, own_complex, "3")
    this_week = IndicatorSnapshot.objects.filter(
        complex=own_complex, week_start=_this_week().monday
    )
    wait_for(this_week.exists, process)
    hours = this_week.get().components["hours"]
    assert hours["inputs"]["hours"] == "3.00"
    assert hours["value"] == 0.1875  # 3 hours over four weeks, against the norm of 4
    # The worker took the pending marker, so the next edit is sent again.
    assert cache.get(services.PENDING_KEY.format(own_complex.pk)) is None


# The tasks themselves ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "task", [tasks.recalculate_complex, tasks.recalculate_city, tasks.refresh_budget]
)
def test_tasks_retry_only_transient_database_errors_with_backoff_and_jitter(task):
    assert set(task.autoretry_for) == {OperationalError, InterfaceError}
    assert task.retry_backoff and task.retry_backoff_max <= 600
    assert task.retry_jitter is True
    assert 0 < task.max_retries <= 10


@pytest.mark.django_db
def test_a_transient_error_is_retried(monkeypatch, own_complex):
    original, calls = services.indicators_recalculate_complex, []

    def fail_once(**kwargs):
        calls.append(kwargs["complex_id"])
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return original(**kwargs)

    monkeypatch.setattr(services, "indicators_recalculate_complex", fail_once)
    # Inline, Celery runs the retry at once (a worker would wait 5 s or so, with jitter).
    written = tasks.recalculate_complex.apply(args=[own_complex.pk], throw=False).get(
        disable_sync_subtasks=False
    )
    assert calls == [own_complex.pk, own_complex.pk]
    assert written == IndicatorSnapshot.objects.filter(complex=own_complex).count() > 0


@pytest.mark.django_db
def test_an_error_that_is_not_transient_is_not_retried(monkeypatch, own_complex):
    calls = []

    def broken(**kwargs):
        calls.append(kwargs)
        raise ValueError("a bug")

    monkeypatch.setattr(services, "indicators_recalculate_complex", broken)
    with pytest.raises(ValueError, match="a bug"):
        tasks.recalculate_complex.apply(args=[own_complex.pk]).get(disable_sync_subtasks=False)
    assert len(calls) == 1


@pytest.mark.django_db(transaction=True)
def test_a_task_for_a_complex_that_is_gone_exits_cleanly(recalculations, functional_admin):
    complex_ = ComplexFactory()
    gone = complex_.pk
    complexes_services.complex_delete(complex=complex_, user=functional_admin)
    # Deleting scheduled the complex's recalculation, which found nothing to do.
    assert recalculations == [gone]
    assert tasks.recalculate_complex.apply(args=[gone]).result == 0
    assert not IndicatorSnapshot.objects.exists()
    # A complex no longer counted as a senior complex gets no new snapshots either.
    other = ComplexFactory(is_senior=False)
    assert tasks.recalculate_complex.apply(args=[other.pk]).result == 0


@pytest.mark.django_db
def test_the_city_wide_task_is_idempotent(settings, own_complex, foreign_complex):
    settings.INDICATOR_RECENT_WEEKS = 5
    assert tasks.recalculate_city.apply().result == 2 * 5
    rows = list(IndicatorSnapshot.objects.order_by("pk").values())
    assert tasks.recalculate_city.apply().result == 0
    assert list(IndicatorSnapshot.objects.order_by("pk").values()) == rows


@pytest.mark.django_db
def test_the_budget_task_refreshes_this_years_hours(own_complex):
    assert tasks.refresh_budget.apply().result == 1
    assert own_complex.budget_actuals.get().hours == Decimal("0.00")


@pytest.mark.django_db(transaction=True)
def test_a_save_in_the_admin_schedules_the_recalculation_too(
    recalculations, client, functional_admin, own_complex
):
    from django.urls import reverse

    client.force_login(functional_admin)
    response = client.post(
        reverse("admin:complexes_gallery_add"),
        {"complex": own_complex.pk, "name": "Galerij Z", "floor": 3, "homes": 10},
    )
    assert response.status_code == 302
    assert recalculations == [own_complex.pk]
    snapshot = IndicatorSnapshot.objects.get(complex=own_complex, week_start=_this_week().monday)
    assert snapshot.components["galleries"]["inputs"]["galleries"] == 1
