"""Screens of the evaluations app: thin views over services and selectors."""
