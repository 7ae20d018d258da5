"""Mutation handlers for articles (being written)."""
