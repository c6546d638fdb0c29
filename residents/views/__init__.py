"""Screens of the residents app, one module per concern; ``urls.py`` wires them."""
