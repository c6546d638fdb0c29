"""Writes of the interventions app: keyword-only functions that validate, save atomically, log."""
