"""Forms of the interventions app."""
