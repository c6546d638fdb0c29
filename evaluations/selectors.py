"""Reads of the evaluations app, always scoped to the user through ``visible_to``."""
