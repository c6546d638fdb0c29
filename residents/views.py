"""Screens of the residents app: thin views over services and selectors."""
