"""Screens of the evaluations app, a module per theme: indicators (a complex's index, the city
overview, the settings), surveys and budget scenarios."""
