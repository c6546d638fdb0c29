"""Screens of the complexes app, one module per concern; ``urls.py`` wires them."""
