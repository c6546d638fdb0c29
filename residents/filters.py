"""Filter sets of the residents app, shared by screens and API."""
