"""API viewsets of the residents app, scoped through ``visible_to``."""
