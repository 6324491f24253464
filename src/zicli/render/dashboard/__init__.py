"""The dashboard view: every unit of a folder at a glance, for a Kanwil."""
