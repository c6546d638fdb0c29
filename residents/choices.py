"""Fixed vocabularies of the residents app."""
