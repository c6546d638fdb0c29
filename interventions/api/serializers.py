"""API serializers of the interventions app."""
