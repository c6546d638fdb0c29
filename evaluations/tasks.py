"""Celery tasks of the evaluations app: thin wrappers that take ids and call services."""
