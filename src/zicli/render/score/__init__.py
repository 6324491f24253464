"""``zi score FILE``: one unit's report, one module per format (table, json,
markdown, csv)."""
