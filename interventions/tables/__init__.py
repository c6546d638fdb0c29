"""Tables of the interventions app, one module per concern."""
