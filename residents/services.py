"""Writes of the residents app: keyword-only functions that validate, save atomically, log."""
