"""The local store: one SQLite file per profile holding the synced data, the outbox and the search index."""

from .database import StoreError, StoreTooNew
from .store import Changes, OutboxEntry, PreparedPull, PulledChange, Store, Summary, prepare_pull

__all__ = [
    "Changes", "OutboxEntry", "PreparedPull", "PulledChange", "Store", "StoreError", "StoreTooNew", "Summary",
    "prepare_pull",
]
