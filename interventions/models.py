"""Models of the interventions app: subsidy schemes, grants, providers, interventions, weekly
welfare hours and intervention-team cases.
"""
