"""Forms of the interventions app, one module per concern."""
