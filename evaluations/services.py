"""Writes of the evaluations app: keyword-only functions that validate, save atomically, log."""
