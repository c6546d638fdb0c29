"""Reads of the residents app, always scoped to the user through ``visible_to``."""
