"""Models of the evaluations app: cohesion indicators and their snapshots, loneliness surveys,
evaluations, budget scenarios and dashboards.
"""
