"""Mutation handlers for chats (being written)."""
