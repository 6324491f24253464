"""``zi score FILE`` formats beyond the table and JSON (which live in
:mod:`zicli.render.table` and :mod:`zicli.render.jsonout`)."""
