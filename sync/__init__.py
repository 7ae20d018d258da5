"""Sync: the wire protocol, the client sync engine, and (in sync/server) the reference server."""
