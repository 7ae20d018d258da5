"""The tasks section of the desktop app."""
