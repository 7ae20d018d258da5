"""The search section of the desktop app."""
