"""The layout a person gave a view — column widths, order and visibility, splitter positions — kept per person.

Stored in the application's settings under `layout/<user id>/<view>/<part>`, so two people on one computer keep
their own, and restored when the view is built again (next start, or after a language switch). Saving waits
until a drag has settled: a resize emits dozens of signals and one write is enough.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QObject, QSettings, QTimer
from PySide6.QtWidgets import QHeaderView, QSplitter

SAVE_AFTER_MS = 400


class LayoutMemory(QObject):
    def __init__(self, view: str, user_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._prefix = f"layout/{user_id}/{view}"
        self._headers: dict[str, QHeaderView] = {}
        self._splitters: dict[str, QSplitter] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_AFTER_MS)
        self._timer.timeout.connect(self.save)

    def track_header(self, name: str, header: QHeaderView) -> bool:
        """Restore `header`'s saved state (True if there was one) and save it whenever the person changes it."""
        self._headers[name] = header
        restored = self._restore(name, header.restoreState)
        header.sectionResized.connect(self.changed)
        header.sectionMoved.connect(self.changed)
        return restored

    def track_splitter(self, name: str, splitter: QSplitter) -> bool:
        self._splitters[name] = splitter
        restored = self._restore(name, splitter.restoreState)
        splitter.splitterMoved.connect(self.changed)
        return restored

    def changed(self, *_args: object) -> None:
        """Something moved: save once it has settled (also call it after showing or hiding a column)."""
        self._timer.start()

    def save(self) -> None:
        self._timer.stop()
        settings = QSettings()
        for name, header in self._headers.items():
            settings.setValue(f"{self._prefix}/{name}", header.saveState())
        for name, splitter in self._splitters.items():
            settings.setValue(f"{self._prefix}/{name}", splitter.saveState())

    def _restore(self, name: str, restore: object) -> bool:
        state = QSettings().value(f"{self._prefix}/{name}")
        if isinstance(state, QByteArray) and not state.isEmpty():
            return bool(restore(state))  # type: ignore[operator]
        return False
