"""The Celery application: configured from Django settings (CELERY_* names)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leefbaarheid.settings")

# DjangoTask gives every task delay_on_commit(): work is sent only once the transaction that
# caused it has committed, so a worker never reads data that is not there yet.
app = Celery("leefbaarheid", task_cls="celery.contrib.django.task:DjangoTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
