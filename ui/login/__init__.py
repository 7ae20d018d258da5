"""The login section of the desktop app."""
