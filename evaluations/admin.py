"""Admin registrations of the evaluations app, scoped like every other screen."""
