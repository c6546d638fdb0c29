"""Reads of the interventions app, always scoped to the user through ``visible_to``."""
