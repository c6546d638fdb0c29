"""Forms of the residents app."""
