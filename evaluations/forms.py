"""Forms of the evaluations app."""
