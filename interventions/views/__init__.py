"""Screens of the interventions app, one module per concern."""
