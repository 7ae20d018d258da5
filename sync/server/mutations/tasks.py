"""Mutation handlers for tasks (being written)."""
