# The Celery app is loaded with Django so that @shared_task binds to it and on-commit sends work.
from leefbaarheid.celery import app as celery_app

__all__ = ("celery_app",)
