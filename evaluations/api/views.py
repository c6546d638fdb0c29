"""API viewsets of the evaluations app, scoped through ``visible_to``."""
