"""The local store: one SQLite file per profile holding the synced data, the outbox and the search index."""

from .database import StoreError, StoreTooNew
from .store import Changes, OutboxEntry, PulledChange, Store

__all__ = ["Changes", "OutboxEntry", "PulledChange", "Store", "StoreError", "StoreTooNew"]
