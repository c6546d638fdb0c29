"""Tables of the evaluations app."""
