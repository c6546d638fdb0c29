"""Admin registrations of the interventions app, scoped like every other screen."""
