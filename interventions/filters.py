"""Filter sets of the interventions app, shared by screens and API."""
