"""API serializers of the residents app."""
