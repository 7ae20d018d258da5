"""The use cases both front-ends call (the Qt UI and the `atrium` CLI): chats, tasks, knowledge, search.

Each action takes a `Session`, checks the person's input against local data and the protocol's limits
(raising `ActionRefused` with a readable sentence, having changed nothing), and queues exactly one mutation
through the store, which applies its local effect in the same transaction. Reads live in app.store.reads.
"""

from .context import ActionRefused, Session

__all__ = ["ActionRefused", "Session"]
