"""Fixed vocabularies of the interventions app."""
