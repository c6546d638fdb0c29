"""Celery tasks of the interventions app: thin wrappers that take ids and call services."""
