"""The top of the project: what sits on every app (root URLconf, home page, API router, demo
city). Nothing below imports it; the kernel in the rest of ``leefbaarheid`` imports no app."""
