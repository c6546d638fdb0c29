"""Forms of the complexes app."""
