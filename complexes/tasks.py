"""Celery tasks of the complexes app: thin wrappers that take ids and call services."""
