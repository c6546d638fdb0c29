"""Celery tasks of the residents app: thin wrappers that take ids and call services."""
