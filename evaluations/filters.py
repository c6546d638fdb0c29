"""Filter sets of the evaluations app, shared by screens and API."""
