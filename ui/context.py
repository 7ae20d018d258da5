"""What every view of the desktop app shares: the store, the signed-in person, and the way to act.

Views read the local store on the GUI thread through `ctx.conn` (its own SQLite connection: reads are small
keyset queries and WAL never makes them wait for a writer). Everything that writes goes through `act`, which
runs an app service on the store's worker thread — the same thread the sync engine applies pulled pages on —
so the window never waits for a large write. When a transaction commits, `data_changed` tells every view
which rows changed (kind -> ids), on the GUI thread; views refresh only what they show.

A sync page names thousands of messages. Which conversations they belong to is known without reading them
back (`message_conversations`): a pulled page moves the cursor of every scope it holds, and a message's scope
is its conversation; only a local action's few messages are looked up. Every read on the GUI thread during a
sync waits for the interpreter lock that the store's thread holds most of the time, so fewer reads matter more
than faster ones.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from concurrent.futures import Future
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app import clock
from app.hlc import HybridClock
from app.services.context import ActionRefused, Session, clock_node
from app.store import Changes, Store, StoreError, reads
from app.store.worker import StoreWorker
from ui.i18n import translate_refusal

log = logging.getLogger("atrium.ui")
COALESCE_MS = 150


class AppContext(QObject):
    data_changed = Signal(object)  # Changes: kind -> set of ids
    sync_state_changed = Signal(str, str)  # state (idle|syncing|online|offline|signed_out|error), detail
    action_failed = Signal(str)  # one sentence to show the person
    sync_requested = Signal()
    navigate = Signal(str, str)  # kind (conversation|task|article|message|milestone), id: "open this"; or
    #                              ("new", article|task|space|group): "open the editor that creates one"
    _finished = Signal(object, object)  # future, callback — delivered on the GUI thread
    _committed = Signal(object)  # emitted on the store's thread; relayed as data_changed on the GUI thread

    def __init__(
        self,
        store_path: Path,
        worker: StoreWorker,
        user_id: str,
        node: str,
        language: str = "zh",
        today: Callable[[], date] = clock.today,
    ) -> None:
        super().__init__()
        self.store_path = store_path
        self.worker = worker
        self.user_id = user_id
        self.language = language
        # The window's NotificationController once it has started (None before, and in tests without one).
        self.notifications: Any = None
        self.today = today
        self.clock = HybridClock(clock_node(node))
        self._reader = Store(store_path)
        last = self._reader.state("last_hlc")
        if last:
            self.clock.observe(last)  # continue after the last change this profile made
        # Queued even from the GUI thread: a future that is already done when its callback is added calls it at
        # once, and the result must still arrive later, from the event loop, as it does every other time.
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # The store calls its listeners on the worker thread after each commit. That thread emits only this
        # private signal; its queued slot emits data_changed on the GUI thread, so nobody connected to
        # data_changed (views, tests waiting on it) is ever touched from another thread.
        self._committed.connect(self._relay_commit, Qt.ConnectionType.QueuedConnection)
        worker.store.add_listener(self._committed.emit)
        # A big sync commits a page every few milliseconds: the first change is told at once (a person's own
        # action shows immediately), later ones are gathered and told at most every COALESCE_MS.
        self._gathered: Changes = {}
        self._gathered_conversations: set[str] | None = set()  # None: some could not be told
        self._told: tuple[Changes | None, frozenset[str] | None] = (None, None)
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(COALESCE_MS)
        self._throttle.timeout.connect(self._flush_gathered)

    @property
    def conn(self) -> sqlite3.Connection:
        """The GUI thread's read connection."""
        return self._reader.conn

    def state(self, key: str, default: str | None = None) -> str | None:
        return self._reader.state(key, default)

    def session(self, store: Store) -> Session:
        return Session(store, self.user_id, self.clock, self.language, self.today)

    def act(
        self,
        service: Callable[..., Any],
        *args: Any,
        on_done: Callable[[Any], None] | None = None,
        **kwargs: Any,
    ) -> Future[Any]:
        """Run `service(session, *args, **kwargs)` on the store's thread; refusals reach `action_failed`."""
        future = self.worker.submit(lambda store: service(self.session(store), *args, **kwargs))
        future.add_done_callback(lambda f: self._finished.emit(f, on_done))
        return future

    def run_store(self, func: Callable[[Store], Any], on_done: Callable[[Any], None] | None = None) -> Future[Any]:
        """Run a store operation (retry, discard…) on the store's thread."""
        future = self.worker.submit(func)
        future.add_done_callback(lambda f: self._finished.emit(f, on_done))
        return future

    @Slot(object)
    def _relay_commit(self, changes: Changes) -> None:
        conversations = self._conversations_of(changes)
        if not self._throttle.isActive():
            self._throttle.start()
            self._tell(changes, conversations)
            return
        for kind, ids in changes.items():
            self._gathered.setdefault(kind, set()).update(ids)
        if conversations is None or self._gathered_conversations is None:
            self._gathered_conversations = None
        else:
            self._gathered_conversations |= conversations

    @Slot()
    def _flush_gathered(self) -> None:
        if self._gathered:
            gathered, self._gathered = self._gathered, {}
            conversations, self._gathered_conversations = self._gathered_conversations, set()
            self._throttle.start()
            self._tell(gathered, conversations)

    def _tell(self, changes: Changes, conversations: set[str] | None) -> None:
        self._told = (changes, None if conversations is None else frozenset(conversations))
        self.data_changed.emit(changes)

    def _conversations_of(self, changes: Changes) -> set[str] | None:
        """The conversations of the messages one commit touched; None when some are gone (cannot be told)."""
        messages = changes.get("message")
        if not messages:
            return set()
        if "cursors" in changes:
            # A pulled page (only a pull moves cursors): its cursors name every scope it holds, revoked ones too.
            return {scope.removeprefix("conv:") for scope in changes["cursors"] if scope.startswith("conv:")}
        found = reads.message_conversations(self.conn, messages)  # a person's action: a few messages
        return set(found.values()) if len(found) == len(messages) else None

    def message_conversations(self, changes: Changes) -> frozenset[str] | None:
        """The conversations whose messages a `data_changed` set touched (a superset; empty when it names none).

        None when that cannot be told: a message was removed (a discarded refusal, a purge), so its row is gone.
        """
        told, conversations = self._told
        if told is changes:
            return conversations
        found = self._conversations_of(changes)  # not a set this context told (a test calling a view directly)
        return None if found is None else frozenset(found)

    @Slot(object, object)
    def _deliver(self, future: Future[Any], on_done: Callable[[Any], None] | None) -> None:
        error = future.exception()
        if isinstance(error, ActionRefused):
            self.action_failed.emit(translate_refusal(error.template, error.args_))
            return
        if isinstance(error, StoreError):
            self.action_failed.emit(str(error))
            return
        if error is not None:
            log.error("an action failed", exc_info=error)
            self.action_failed.emit(self.tr("Something went wrong; nothing was lost. Details are in the log."))
            return
        self.sync_requested.emit()
        if on_done is not None:
            on_done(future.result())

    def changes_touch(self, changes: Changes, *kinds: str) -> bool:
        return any(kind in changes for kind in kinds)

    def close(self) -> None:
        self.worker.store.remove_listener(self._committed.emit)
        self._throttle.stop()
        self._reader.close()

