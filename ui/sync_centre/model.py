"""The table of changes the server refused: what, when, and why in plain words (the server's words on hover).

The list is short (refusals are rare and the person clears them), so the model is replaced whole on refresh;
it keeps the rows as the frozen `reads.RejectedChange` values and nothing else.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.store.reads import RejectedChange

from . import texts

WHAT, WHEN, WHY = range(3)
MutationIdRole = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class RejectedModel(QAbstractTableModel):
    def __init__(self, now: datetime, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._rows: tuple[RejectedChange, ...] = ()
        self._now = now

    def set_rows(self, rows: tuple[RejectedChange, ...], now: datetime) -> None:
        if rows == self._rows and now == self._now:
            return
        self.beginResetModel()
        self._rows = rows
        self._now = now
        self.endResetModel()

    def entry(self, row: int) -> RejectedChange:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("What"), self.tr("When"), self.tr("Why"))[section] if 0 <= section < 3 else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == MutationIdRole:
            return entry.mutation_id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == WHAT:
                return texts.summary(entry)
            if column == WHEN:
                moment = texts.parse_time(entry.created_at)
                return texts.relative(moment, self._now) if moment else entry.created_at
            if column == WHY:
                return texts.refusal(entry.code, entry.reason)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == WHEN:
                moment = texts.parse_time(entry.created_at)
                return texts.absolute(moment) if moment else None
            if column == WHY and entry.reason:
                return self.tr("The server said: %1").replace("%1", texts.sentence(entry.reason))
            if column == WHAT:
                return texts.summary(entry)
        return None
