"""API serializers of the evaluations app."""
