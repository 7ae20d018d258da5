"""The knowledge section of the desktop app."""
