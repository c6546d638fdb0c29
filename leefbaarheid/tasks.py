"""Project-wide Celery tasks."""

from celery import shared_task

from leefbaarheid import services


@shared_task(bind=True, ignore_result=True)
def record_heartbeat(self) -> None:
    """Record that a worker is alive and beat is scheduling; idempotent per worker."""
    services.heartbeat_record(hostname=self.request.hostname or "inline")
