"""Tables of the interventions app."""
