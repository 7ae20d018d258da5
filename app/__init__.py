"""Atrium core without widgets: domain, local store, services, policies and the atrium CLI."""
