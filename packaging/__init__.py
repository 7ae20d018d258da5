"""Packaging metadata (PyInstaller spec, desktop entries)."""
