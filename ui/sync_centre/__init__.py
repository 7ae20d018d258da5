"""The sync_centre section of the desktop app."""
