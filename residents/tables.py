"""Tables of the residents app."""
