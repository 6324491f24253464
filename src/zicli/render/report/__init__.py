"""The unit report view: one unit's score, verdict, areas, strategies, questions, plan
and trend, for its leadership."""
