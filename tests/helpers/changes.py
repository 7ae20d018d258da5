"""Waiting for the store's commits in Qt tests: `ChangeRelay` and `run_store_and_wait`.

ctx.data_changed reaches the GUI thread as a queued signal. A waitSignal blocker is a plain Python object, so each
emission reaches it as a queued call; one still queued when the blocker is gone (a commit can emit twice) crashed
PySide 6.11 about every other run. A QObject receiver is safe, so tests wait on its re-emission instead.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from pytestqt.qtbot import QtBot

from ui.context import AppContext


class ChangeRelay(QObject):
    """ctx.data_changed, re-emitted on the GUI thread by a QObject slot."""

    changed = Signal(object)

    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        ctx.data_changed.connect(self._relay)

    @Slot(object)
    def _relay(self, changes: object) -> None:
        self.changed.emit(changes)


def run_store_and_wait(changes: ChangeRelay, ctx: AppContext, qtbot: QtBot, func: Callable[[Any], Any]) -> Any:
    """Run a store operation on the store's thread and wait for (the first of) its commits to reach the GUI."""
    with qtbot.waitSignal(changes.changed, timeout=60_000):
        future = ctx.run_store(func)
    return future.result()
