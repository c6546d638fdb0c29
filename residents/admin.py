"""Admin registrations of the residents app, scoped like every other screen."""
