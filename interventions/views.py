"""Screens of the interventions app: thin views over services and selectors."""
