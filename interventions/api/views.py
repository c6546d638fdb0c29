"""API viewsets of the interventions app, scoped through ``visible_to``."""
