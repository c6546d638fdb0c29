"""Fixed vocabularies of the evaluations app."""
