"""Models of the residents app: residents (minimal personal data), resident groups and memberships,
communal-room activities.
"""
